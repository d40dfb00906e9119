// What a backup file is, told by its first bytes rather than its name: a SQLite database or a
// pg_dump custom-format archive. Also the two steps every backup shares: written beside its final
// name, then renamed once complete, so a half-written file never carries a backup's name.
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Engine } from '../db/connect.ts';
import { PARTIAL_SUFFIX } from './backupSchedule.ts';

/** Why a backup or a restore did not happen; the message says what to do, and that nothing changed. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Every SQLite 3 database file starts with these 16 bytes. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** pg_dump's custom format (--format=custom) starts with these 5 bytes. */
const PG_DUMP_CUSTOM_HEADER = Buffer.from('PGDMP', 'latin1');

const ENGINE_NAMES: Record<Engine, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
};

export const engineName = (engine: Engine) => ENGINE_NAMES[engine];

/** The engine a backup file is for, from its header; BackupError when it is neither. */
export async function backupEngineOf(file: string): Promise<Engine> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(
      error.code === 'ENOENT'
        ? `There is no file ${file}: check the name and the folder. Nothing was changed.`
        : `${file} cannot be read (${error.code ?? error.message}). Nothing was changed.`,
    );
  });
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    const start = header.subarray(0, bytesRead);
    if (start.equals(SQLITE_HEADER)) return 'sqlite';
    if (start.subarray(0, PG_DUMP_CUSTOM_HEADER.length).equals(PG_DUMP_CUSTOM_HEADER)) {
      return 'postgres';
    }
    throw new BackupError(
      bytesRead === 0
        ? `${file} is empty, so it is no backup. Nothing was changed.`
        : `${file} is not a Circa backup: it is neither a SQLite database nor a pg_dump ` +
            `custom-format archive (the files circa backup makes). Nothing was changed.`,
    );
  } finally {
    await handle.close();
  }
}

/** Where a backup is written until it is complete and checked. */
export const partialPathOf = (file: string) => `${file}${PARTIAL_SUFFIX}`;

/**
 * Makes the finished partial file the backup: flushed to disk, renamed over `file` (an atomic
 * step), and the rename itself flushed, so after a power cut either the old file or the whole new
 * backup is there.
 */
export async function finishBackupFile(file: string): Promise<void> {
  const partial = partialPathOf(file);
  const written = await open(partial, 'r+');
  try {
    await written.sync();
  } finally {
    await written.close();
  }
  await rename(partial, file);
  const folder = await open(dirname(file), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** Removes what a failed backup left; the error that stopped it matters more than this one. */
export async function discardPartialFile(file: string): Promise<void> {
  await rm(partialPathOf(file), { force: true }).catch(() => undefined);
}

/** "1,234" */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** "12.3 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

/** "1 loan", "1,234 loans" */
export const formatLoans = (loans: number) =>
  `${formatCount(loans)} ${loans === 1 ? 'loan' : 'loans'}`;

// Backing up and restoring whichever database DATABASE_URL names: the one entry point for the
// command line (`circa backup`, `circa restore`) and the server's daily backups.
import { resolve } from 'node:path';
import { engineOfUrl, type Engine } from '../db/connect.ts';
import {
  BackupError,
  backupEngineOf,
  engineName,
  formatBytes,
  formatCount,
  formatLoans,
} from './backupFiles.ts';
import { backUpPostgres, restorePostgres } from './postgresBackup.ts';
import { backUpSqlite, restoreSqlite, sqlitePathOf } from './sqliteBackup.ts';

export { BackupError } from './backupFiles.ts';

export interface BackupResult {
  engine: Engine;
  /** The backup file, as an absolute path. */
  file: string;
  bytes: number;
  loans: number;
  tookMs: number;
}

/** Makes a consistent backup of the database at `databaseUrl` in `file`, while Circa runs. */
export async function makeBackup(props: {
  databaseUrl: string;
  file: string;
}): Promise<BackupResult> {
  const file = resolve(props.file);
  const engine = engineOfUrl(props.databaseUrl);
  const started = performance.now();
  const made =
    engine === 'sqlite'
      ? await backUpSqlite(sqlitePathOf(props.databaseUrl), file)
      : await backUpPostgres(props.databaseUrl, file);
  return {
    engine,
    file,
    bytes: made.bytes,
    loans: made.loans,
    tookMs: performance.now() - started,
  };
}

export function describeBackup(result: BackupResult): string {
  const check =
    result.engine === 'sqlite'
      ? 'integrity_check and foreign_key_check passed'
      : 'pg_restore read it whole';
  return `Backed up the ${engineName(result.engine)} database (${formatLoans(result.loans)}) to ${result.file}: ${formatBytes(result.bytes)} in ${(result.tookMs / 1000).toFixed(1)} s; ${check}.`;
}

export interface RestoreResult {
  engine: Engine;
  loans: number;
  /** Migrations in the restored database, after bringing it up to date. */
  migrations: number;
  /** Migrations the backup had: fewer when it came from an older version of Circa. */
  migrationsInBackup: number;
}

/**
 * Restores `file` into the database at `databaseUrl`. Refuses, changing nothing, a file that is
 * no Circa backup, is damaged, or is for the other engine, and (without `force`) a database that
 * holds a library.
 */
export async function restoreBackup(props: {
  databaseUrl: string;
  file: string;
  force: boolean;
}): Promise<RestoreResult> {
  const file = resolve(props.file);
  const engine = engineOfUrl(props.databaseUrl);
  const fileEngine = await backupEngineOf(file);
  if (fileEngine !== engine) {
    throw new BackupError(
      `${file} is a backup of a ${engineName(fileEngine)} database, but DATABASE_URL names a ${engineName(engine)} database: restore it into ${engineName(fileEngine)} (set DATABASE_URL to ${fileEngine === 'sqlite' ? 'sqlite:PATH' : 'postgres://…'}). Nothing was changed.`,
    );
  }
  const restored =
    engine === 'sqlite'
      ? await restoreSqlite(props.databaseUrl, file, props.force)
      : await restorePostgres(props.databaseUrl, file, props.force);
  return {
    engine,
    loans: restored.loans,
    migrations: restored.migrations,
    migrationsInBackup: restored.migrationsInBackup,
  };
}

export function describeRestore(result: RestoreResult): string {
  const upgraded =
    result.migrations > result.migrationsInBackup
      ? ` It came from an older version of Circa and was brought up to date (${formatCount(result.migrations - result.migrationsInBackup)} migrations).`
      : '';
  const check = result.engine === 'sqlite' ? ' integrity_check and foreign_key_check passed.' : '';
  return `Restored the ${engineName(result.engine)} database: ${formatLoans(result.loans)}.${upgraded}${check} Start the server when ready.`;
}

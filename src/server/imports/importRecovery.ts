// Imports whose worker is gone: one left 'applying' was never committed (the apply is one
// transaction), so nothing of it is stored and it may be confirmed again; one left 'previewing'
// must be uploaded again. Only imports nobody is working on are touched: on PostgreSQL an import
// whose lock another session holds (importWorkers.ts) is being read or stored by a live server.
import type { Kysely } from 'kysely';
import { engineOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { asImportWorker, tryLockImport, unlockImport, type ImportWorker } from './importWorkers.ts';

/** How often a server on PostgreSQL looks for imports another server left behind when it died. */
export const IMPORT_RECOVERY_SWEEP_MS = 60_000;

export const INTERRUPTED_APPLY_MESSAGE =
  'The server stopped while this import was being stored; nothing of it was stored. Confirm it again.';
export const INTERRUPTED_PREVIEW_MESSAGE =
  'The server stopped while reading this file. Upload it again.';

export interface RecoveredImports {
  /** Previewed again, to be confirmed again. */
  applying: number[];
  /** Failed, to be uploaded again. */
  previewing: number[];
}

/**
 * Recovers every import left 'applying' or 'previewing' whose worker is gone. On SQLite, where one
 * app server runs, that is every one of them when the server starts, before it takes requests; on
 * PostgreSQL, those whose lock nobody holds, at start and on every sweep.
 */
export async function recoverInterruptedImports(
  db: Kysely<Database>,
  at: number,
): Promise<RecoveredImports> {
  const recovered: RecoveredImports = { applying: [], previewing: [] };
  const candidates = await db
    .selectFrom('imports')
    .select('id')
    .where('status', 'in', ['applying', 'previewing'])
    .orderBy('id')
    .execute();
  if (candidates.length === 0) return recovered;
  await asImportWorker(db, async (recovery) => {
    for (const { id } of candidates) {
      if (!(await tryLockImport(recovery, id))) continue;
      try {
        const stopped = await recoverImport(recovery, id, at);
        if (stopped !== null) recovered[stopped].push(id);
      } finally {
        await unlockImport(recovery, id);
      }
    }
  });
  return recovered;
}

/**
 * One import whose lock this recovery holds. Its status is read again under the lock: the worker
 * may have finished between the look for candidates and the lock.
 */
async function recoverImport(
  recovery: ImportWorker,
  importId: number,
  at: number,
): Promise<'applying' | 'previewing' | null> {
  return recovery.transaction().execute(async (trx) => {
    const reopened = await trx
      .updateTable('imports')
      .set({ status: 'previewed', message: INTERRUPTED_APPLY_MESSAGE })
      .where('id', '=', importId)
      .where('status', '=', 'applying')
      .executeTakeFirst();
    if (Number(reopened.numUpdatedRows) === 1) return 'applying';
    const failed = await trx
      .updateTable('imports')
      .set({ status: 'failed', finished_at: at, message: INTERRUPTED_PREVIEW_MESSAGE })
      .where('id', '=', importId)
      .where('status', '=', 'previewing')
      .executeTakeFirst();
    if (Number(failed.numUpdatedRows) === 0) return null;
    await trx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
    return 'previewing';
  });
}

export interface ImportRecoveryLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ImportRecoverySweep {
  /** How many times the sweep has looked so far (tests wait on it). */
  readonly passes: () => number;
  stop(): void;
}

/**
 * On PostgreSQL, looks every `sweepMs` for imports whose server died, so they need no restart to be
 * confirmed or uploaded again. On SQLite it does nothing: the one server's start recovers them, and
 * a sweep there could not tell its own imports, read or stored right now, from abandoned ones.
 */
export function startImportRecoverySweep(props: {
  db: Kysely<Database>;
  now: () => number;
  log: ImportRecoveryLog;
  sweepMs?: number;
}): ImportRecoverySweep {
  let passes = 0;
  if (engineOf(props.db) !== 'postgres') return { passes: () => passes, stop: () => undefined };
  let looking = false;
  const sweep = async () => {
    // A pass slower than the interval (a database far away) is not overtaken by the next.
    if (looking) return;
    looking = true;
    try {
      const recovered = await recoverInterruptedImports(props.db, props.now());
      if (recovered.applying.length + recovered.previewing.length > 0) {
        props.log.info({ recovered }, 'imports whose server stopped were recovered');
      }
    } catch (error) {
      props.log.error({ err: error }, 'could not look for imports whose server stopped');
    } finally {
      looking = false;
      passes += 1;
    }
  };
  const timer = setInterval(() => void sweep(), props.sweepMs ?? IMPORT_RECOVERY_SWEEP_MS);
  timer.unref();
  return { passes: () => passes, stop: () => clearInterval(timer) };
}

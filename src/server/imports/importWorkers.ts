// Which process is working on an import. On PostgreSQL several app servers (and `circa import`)
// share one database, so the process reading or storing an import holds a lock keyed by the import
// on a connection of its own, and does all its work for the import on that connection: the lock
// lives exactly as long as the worker can still write. PostgreSQL releases a dead session's locks
// itself, so recovery (importRecovery.ts) knows an import is abandoned when it can take its lock.
// SQLite runs one app server and takes no locks: its recovery at start is right without them.
import { sql, type Kysely, type Transaction } from 'kysely';
import { engineOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/**
 * An import's lock has two keys: this name hashed with the schema Circa's tables are in, then the
 * import's id. PostgreSQL keeps two-key locks apart from single-key ones, so these never meet
 * OFFLINE_PROCESSING_LOCK_KEY or the migrations' lock; with the schema, two libraries sharing one
 * database (or test runs, each in a schema of its own) never meet either. Never change it while
 * servers of two versions may share a database.
 */
export const IMPORT_LOCK_NAME = 'circa.imports.';

/** The two keys of the import's lock, as SQL arguments. */
export const importLockKeys = (importId: number) =>
  sql`hashtext(${sql.lit(IMPORT_LOCK_NAME)} || current_schema()), ${importId}::int4`;

declare const importWorkerBrand: unique symbol;

/**
 * The database as an import's worker sees it: on PostgreSQL one connection, held from the worker's
 * start to its end, on which an import's lock may be taken. Only asImportWorker makes one: a lock
 * taken on a pooled connection would stay with whoever borrows that connection next.
 */
export type ImportWorker = Kysely<Database> & { readonly [importWorkerBrand]: true };

/**
 * Runs `work` as an import's worker. When it ends, however it ends, every import lock it took is
 * released before its connection goes back to the pool.
 */
export async function asImportWorker<T>(
  db: Kysely<Database>,
  work: (worker: ImportWorker) => Promise<T>,
): Promise<T> {
  if (engineOf(db) !== 'postgres') return work(db as ImportWorker);
  return db.connection().execute(async (connection) => {
    const worker = connection as ImportWorker;
    // The connection is this worker's alone, so every advisory lock it holds is an import's.
    const unlockAll = () => sql`select pg_advisory_unlock_all()`.execute(worker);
    let result: T;
    try {
      result = await work(worker);
    } catch (error) {
      // Most often the connection itself died, taking its locks along: the work's error is the news.
      await unlockAll().catch(() => undefined);
      throw error;
    }
    await unlockAll();
    return result;
  });
}

/**
 * An import's worker started by a request: `begin` (creating or claiming the import, which takes
 * its lock) is awaited, so the request answers with its result or its refusal; `work` then goes on
 * in the background on the same connection, and `done` settles when the worker lets go.
 */
export async function startImportWorker<T>(
  db: Kysely<Database>,
  begin: (worker: ImportWorker) => Promise<T>,
  work: (worker: ImportWorker, begun: T) => Promise<void>,
): Promise<{ begun: T; done: Promise<void> }> {
  let began!: (begun: T) => void;
  let refused!: (error: unknown) => void;
  const beginning = new Promise<T>((resolve, reject) => {
    began = resolve;
    refused = reject;
  });
  const done = asImportWorker(db, async (worker) => {
    let begun: T;
    try {
      begun = await begin(worker);
    } catch (error) {
      refused(error);
      return;
    }
    began(begun);
    await work(worker, begun);
  });
  // No connection to be had: the request hears it (once begun, this changes nothing).
  done.catch(refused);
  return { begun: await beginning, done };
}

/**
 * Takes the import's lock for this worker, waiting for a recovery that may hold it for a moment.
 * Only for an import nobody else can be working on yet: one whose row is not yet committed.
 */
export async function lockImport(
  on: ImportWorker | Transaction<Database>,
  importId: number,
): Promise<void> {
  if (engineOf(on) !== 'postgres') return;
  await sql`select pg_advisory_lock(${importLockKeys(importId)})`.execute(on);
}

/** Takes the import's lock for this worker if nobody holds it; always true on SQLite. */
export async function tryLockImport(worker: ImportWorker, importId: number): Promise<boolean> {
  if (engineOf(worker) !== 'postgres') return true;
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_lock(${importLockKeys(importId)}) as locked`.execute(worker);
  return rows[0]?.locked === true;
}

/** Lets go of an import this worker locked (once per time it locked it). */
export async function unlockImport(worker: ImportWorker, importId: number): Promise<void> {
  if (engineOf(worker) !== 'postgres') return;
  await sql`select pg_advisory_unlock(${importLockKeys(importId)})`.execute(worker);
}

// What the offline pipeline and the database driver tell whoever watches a database: a processing
// run finished, an upload was stored, a SQLite group committed, the PostgreSQL pool in use. Keyed by
// the database handle, so each app (and each test's app) hears only its own database. The code that
// reports knows nothing of metrics; a watcher that throws is ignored, so watching can never turn a
// stored upload or a committed loan into a failure.
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { OfflineUploadSource } from '../../shared/api/offline.ts';
import type { Database } from '../db/schema.ts';

/** The counts of one processing run (a ProcessingRun from offline/process.ts fits). */
export interface ProcessingRunCounts {
  processed: number;
  applied: number;
  appliedWithWarning: number;
  exceptions: number;
  noted: number;
}

/** What receiving one upload stored (a ReceivedUpload from offline/receive.ts fits). */
export interface StoredUploadCounts {
  stored: number;
  duplicates: number;
}

export interface DatabaseWatcher {
  processingRun?(run: ProcessingRunCounts): void;
  uploadStored?(source: OfflineUploadSource, upload: StoredUploadCounts): void;
  /** A SQLite group's COMMIT: how many transactions it made durable, and how long it was open. */
  groupCommitted?(members: number, openMs: number): void;
}

type Handle = Kysely<Database>;

const watchers = new WeakMap<Handle, Set<DatabaseWatcher>>();
const pools = new WeakMap<Handle, pg.Pool>();
/** The SQLite driver behind a database, for its connection queue. */
const sqliteDrivers = new WeakMap<Handle, SqliteWaiters>();

/** Starts watching a database; returns the function that stops it. */
export function watchDatabase(db: Handle, watcher: DatabaseWatcher): () => void {
  let set = watchers.get(db);
  if (!set) {
    set = new Set();
    watchers.set(db, set);
  }
  set.add(watcher);
  return () => set.delete(watcher);
}

function tell(db: Handle, call: (watcher: DatabaseWatcher) => void): void {
  for (const watcher of watchers.get(db) ?? []) {
    try {
      call(watcher);
    } catch {
      // A watcher's fault must never reach the work it watches.
    }
  }
}

export function reportProcessingRun(db: Handle, run: ProcessingRunCounts): void {
  tell(db, (w) => w.processingRun?.(run));
}

export function reportUploadStored(
  db: Handle,
  source: OfflineUploadSource,
  upload: StoredUploadCounts,
): void {
  tell(db, (w) => w.uploadStored?.(source, upload));
}

export function reportGroupCommit(db: Handle, members: number, openMs: number): void {
  tell(db, (w) => w.groupCommitted?.(members, openMs));
}

/** Records the PostgreSQL pool behind a database, so its use can be read (connect.ts calls it). */
export function recordDatabasePool(db: Handle, pool: pg.Pool): void {
  pools.set(db, pool);
}

export function databasePoolOf(db: Handle): pg.Pool | undefined {
  return pools.get(db);
}

/** What waits for SQLite's one connection: the desks' callers and background work's. */
export interface SqliteWaiters {
  waiting(): { desk: number; background: number };
}

/** Records the SQLite driver behind a database, so its waiting callers can be read. */
export function recordSqliteWaiters(db: Handle, driver: SqliteWaiters): void {
  sqliteDrivers.set(db, driver);
}

export function sqliteWaitersOf(db: Handle): SqliteWaiters | undefined {
  return sqliteDrivers.get(db);
}

// For import tests on PostgreSQL: another app server's import worker, whose session a test can end
// as a dying server's would end, and a wait for PostgreSQL to notice that a session is gone.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { asImportWorker, IMPORT_LOCK_NAME, type ImportWorker } from './importWorkers.ts';

/** Long enough for a noisy machine; a session that outlives it is a failure, not slowness. */
const SESSION_END_WAIT_MS = 20_000;
const POLL_MS = 20;

export interface OtherServersWorker {
  /** Its PostgreSQL session, for pg_terminate_backend. */
  pid: number;
  worker: ImportWorker;
  /** Lets the worker end its work normally. */
  finish(): void;
  /** Settles when the worker has let go (rejects when its session was ended under it). */
  done: Promise<void>;
}

/** A worker that stays in the middle of its work (holding its imports) until told to finish. */
export async function otherServersWorker(db: Kysely<Database>): Promise<OtherServersWorker> {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let started!: (value: { pid: number; worker: ImportWorker }) => void;
  const starting = new Promise<{ pid: number; worker: ImportWorker }>((r) => (started = r));
  const done = asImportWorker(db, async (worker) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(worker);
    started({ pid: rows[0]!.pid, worker });
    await finished;
  });
  done.catch(() => undefined);
  return { ...(await starting), finish, done };
}

/** Ends a session as PostgreSQL ends a dead server's, and waits until it is gone. */
export async function endSession(db: Kysely<Database>, pid: number): Promise<void> {
  await sql`select pg_terminate_backend(${pid}::int4)`.execute(db);
  await waitUntilSessionGone(db, pid);
}

/** Waits until PostgreSQL no longer lists the session (its locks are released with it). */
export async function waitUntilSessionGone(db: Kysely<Database>, pid: number): Promise<void> {
  const deadline = Date.now() + SESSION_END_WAIT_MS;
  for (;;) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}::int4`.execute(db);
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`PostgreSQL session ${pid} did not end.`);
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

/** Waits until no session holds any import lock in this schema (a killed process's has ended). */
export async function waitUntilNoImportLocks(db: Kysely<Database>): Promise<void> {
  const deadline = Date.now() + SESSION_END_WAIT_MS;
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks
      where locktype = 'advisory' and objsubid = 2
        and database = (select oid from pg_database where datname = current_database())
        and classid::int8 = (hashtext(${IMPORT_LOCK_NAME}::text || current_schema())::int8 & 4294967295)
    `.execute(db);
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error('An import lock was still held.');
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

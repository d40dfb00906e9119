// Which of several app servers on one PostgreSQL is doing what, seen from the database: each server
// names its connections (application_name), so pg_locks and pg_stat_activity tell the one holding
// the offline processing lock, the ones waiting for it, and the ones storing an upload.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { OFFLINE_PROCESSING_LOCK_KEY } from '../../src/server/offline/process.ts';

export const APP_SERVER_NAME_PREFIX = 'circa-app-';

/** The DATABASE_URL for app server `name`: its connections carry the name. */
export function namedDatabaseUrl(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  return named.toString();
}

/** The app server holding the processing lock, if any. */
export async function lockHolder(db: Kysely<Database>): Promise<string | null> {
  return (await processingLockers(db, true))[0] ?? null;
}

/** App servers whose processing run (an upload's, as the sweep is a minute away) waits for the lock. */
export function serversWaitingForLock(db: Kysely<Database>): Promise<string[]> {
  return processingLockers(db, false);
}

async function processingLockers(db: Kysely<Database>, granted: boolean): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted = ${granted}
      and ((l.classid::bigint << 32) | l.objid::bigint) = ${OFFLINE_PROCESSING_LOCK_KEY}`.execute(
    db,
  );
  return rows.map((r) => r.name);
}

/** App servers with a connection inside a transaction that writes an upload. */
export async function serversStoringUploads(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct application_name as name from pg_stat_activity
    where application_name like ${`${APP_SERVER_NAME_PREFIX}%`} and xact_start is not null
      and query ~ '(insert into|update) "offline_(uploads|transactions)"'`.execute(db);
  return rows.map((r) => r.name);
}

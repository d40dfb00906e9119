// Whether the database's standbys hold what the primary has committed so far. A report answer
// confirms a workstation's sent transactions for deletion only when they do: with asynchronous
// replication a standby promoted after a crash lacks what it had not yet received, and the
// workstation must still hold those transactions to send them again (shared/offline/resend.ts).
import { sql, type Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineOf } from './connect.ts';
import type { Database } from './schema.ts';

/** How long a report answer waits for the standbys before it says "not yet replicated". */
export const STANDBY_WAIT_MS = 2_000;
const STANDBY_POLL_MS = 20;

/**
 * True once every physical replication slot's standby has flushed the primary's WAL up to where it
 * stood at the call (Circa's documented standby streams through a slot, so a standby that is down
 * still counts: its slot stays behind). True at once on SQLite and on PostgreSQL without slots;
 * false when the standbys have not caught up within `waitMs`.
 */
export async function standbysHaveCaughtUp(
  db: Kysely<Database>,
  waitMs: number = STANDBY_WAIT_MS,
): Promise<boolean> {
  if (engineOf(db) !== 'postgres') return true;
  const { rows } = await sql<{ at: string; behind: number; away: number }>`
    select pg_current_wal_lsn()::text as at, count(*)::int as behind,
      count(*) filter (where not active)::int as away
    from pg_replication_slots
    where slot_type = 'physical'
      and (restart_lsn is null or restart_lsn < pg_current_wal_lsn())`.execute(db);
  const target = rows[0];
  if (!target || target.behind === 0) return true;
  // A standby that is not connected cannot catch up while the answer waits.
  if (target.away > 0) return false;
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await sleep(STANDBY_POLL_MS);
    const { rows: behind } = await sql<{ n: number }>`
      select count(*)::int as n from pg_replication_slots
      where slot_type = 'physical'
        and (restart_lsn is null or restart_lsn < ${target.at}::pg_lsn)`.execute(db);
    if ((behind[0]?.n ?? 0) === 0) return true;
  }
  return false;
}

// The queue processing reads from: the earliest pending transactions in processing order, and the
// latest time already processed (to notice transactions that arrive late).
import { sql, type Transaction } from 'kysely';
import { compareForProcessing } from '../../shared/processing/order.ts';
import type { Database, OfflineTransactionRow } from '../db/schema.ts';

/** The earliest pending transactions, in processing order (see compareForProcessing). */
export async function nextPendingBatch(
  trx: Transaction<Database>,
  batchSize: number,
): Promise<OfflineTransactionRow[]> {
  const rows = await trx
    .selectFrom('offline_transactions')
    .selectAll()
    // A literal, not a bound value: SQLite only reads a partial index (offline_transactions_pending)
    // for a query whose condition it can match to the index's own when the statement is prepared.
    .where('status', '=', sql.lit('pending'))
    .orderBy('corrected_at')
    .orderBy('workstation')
    .orderBy('sequence')
    .orderBy('id')
    .limit(batchSize)
    .execute();
  // The columns sort by code point on both engines (see the migration); sorting again here keeps
  // the order the shared rules define even if a database were set up differently.
  return rows.toSorted((a, b) => compareForProcessing(orderedOf(a), orderedOf(b)));
}

function orderedOf(row: OfflineTransactionRow) {
  return {
    occurredAt: Number(row.occurred_at),
    clockOffsetMs: Number(row.clock_offset_ms),
    workstation: row.workstation,
    sequence: Number(row.sequence),
    id: row.id,
  };
}

/**
 * The latest corrected time among processed transactions, or null before the first: the last entry
 * of the partial index of processed rows by time (migration 0016), on both engines. The condition is
 * a literal so that SQLite matches it to the index's own.
 */
export async function latestProcessedTime(trx: Transaction<Database>): Promise<number | null> {
  const latest = await trx
    .selectFrom('offline_transactions')
    .select('corrected_at')
    .where('status', '<>', sql.lit('pending'))
    .orderBy('corrected_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest === undefined ? null : Number(latest.corrected_at);
}

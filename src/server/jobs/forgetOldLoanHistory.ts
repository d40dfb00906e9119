// Loan history that forgets: once a returned loan, an ended hold or a settled offline transaction is
// older than the library's loan_history_days, nothing in the database says which patron it was.
// Run daily by ./dailyJob.ts; set-based, in batches, so a million returned loans never hold the
// desk's write lock for more than one short transaction at a time.
//
// Why offline processing never misses what this removes: processing decides a transaction from the
// item's OPEN loan only (src/server/offline/batchState.ts reads loans where returned_at is null, and
// src/shared/processing/decide.ts sees nothing else), and applyBatch closes only loans still open.
// A loan moves here only after its return, so no transaction, however late it arrives, reads it.
// Offline transactions are scrubbed only once settled (applied, noted or dismissed): a pending one
// or an open exception keeps its barcodes, since processing and a supervisor's re-apply read them.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { OfflineTransactionStatus } from '../../shared/api/offline.ts';
import { engineOf } from '../db/connect.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { Database } from '../db/schema.ts';
import { updateFromValues } from '../db/sql.ts';
import {
  recordedPatronBarcode,
  recordedRegistrationDetails,
  withoutBarcodes,
  withoutPatronInPayload,
} from './forgetPatron.ts';

/** Rows moved or scrubbed per transaction: each batch holds the write lock for a few milliseconds. */
export const LOAN_HISTORY_BATCH_ROWS = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Offline transactions nothing will change again: neither processing nor the exceptions queue. */
const SETTLED: readonly OfflineTransactionStatus[] = [
  'applied',
  'applied_with_warning',
  'noted',
  'dismissed',
];
/** Holds that no longer wait for anything. */
const ENDED_HOLD_STATUSES = ['fulfilled', 'cancelled', 'expired'] as const;

export interface ForgetOldLoanHistoryProps {
  db: Kysely<Database>;
  /** Epoch ms, from app.now(). */
  now: number;
  /** Rows per transaction; LOAN_HISTORY_BATCH_ROWS unless a test wants several batches. */
  batchRows?: number;
}

/** How many rows lost their patron in this run. */
export interface ForgottenCounts {
  loans: number;
  holds: number;
  offlineTransactions: number;
}

/**
 * Moves returned loans older than the setting to aged_loans (with their renewals), deletes ended
 * holds as old, and clears the patron barcodes of offline transactions settled as long ago.
 * "Keep forever" (null) does nothing; 0 days forgets everything returned, ended or settled by now.
 */
export async function forgetOldLoanHistory(
  props: ForgetOldLoanHistoryProps,
): Promise<ForgottenCounts> {
  const { db, now } = props;
  const batchRows = props.batchRows ?? LOAN_HISTORY_BATCH_ROWS;
  const counts: ForgottenCounts = { loans: 0, holds: 0, offlineTransactions: 0 };
  const { loanHistoryDays } = await getLibrarySettings(db);
  if (loanHistoryDays === null) return counts;
  const cutoff = now - loanHistoryDays * DAY_MS;

  /** Runs one batch per transaction until a batch comes back short; returns the rows done. */
  const inBatches = async (batch: (trx: Trx) => Promise<number>) => {
    let total = 0;
    for (;;) {
      const done = await db.transaction().execute(batch);
      total += done;
      if (done < batchRows) return total;
    }
  };
  counts.loans = await inBatches((trx) => ageLoans(trx, cutoff, now, batchRows));
  counts.holds = await inBatches((trx) => deleteEndedHolds(trx, cutoff, batchRows));
  counts.offlineTransactions = await inBatches((trx) =>
    forgetOfflinePatrons(trx, cutoff, now, batchRows),
  );
  return counts;
}

type Trx = Transaction<Database>;

/** PostgreSQL: another app server running the same job skips the rows this one is moving. */
function lockedRows<Q extends { forUpdate(): Q; skipLocked(): Q }>(trx: Trx, query: Q): Q {
  return engineOf(trx) === 'postgres' ? query.forUpdate().skipLocked() : query;
}

async function ageLoans(trx: Trx, cutoff: number, now: number, batchRows: number) {
  const ids = (
    await lockedRows(
      trx,
      trx
        .selectFrom('loans')
        .select('id')
        .where('returned_at', 'is not', null)
        .where('returned_at', '<=', cutoff)
        .orderBy('returned_at')
        .orderBy('id')
        .limit(batchRows),
    ).execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;

  await trx
    .insertInto('aged_loans')
    .columns([
      'id',
      'item_id',
      'branch_id',
      'checked_out_at',
      'due_at',
      'returned_at',
      'staff_user_id',
      'workstation_id',
      'source',
      'renewal_count',
      'aged_at',
    ])
    .expression(
      trx
        .selectFrom('loans')
        .select([
          'id',
          'item_id',
          'branch_id',
          'checked_out_at',
          'due_at',
          sql<number>`returned_at`.as('returned_at'),
          'staff_user_id',
          'workstation_id',
          'source',
          'renewal_count',
          sql<number>`cast(${now} as bigint)`.as('aged_at'),
        ])
        .where('id', 'in', ids),
    )
    .execute();
  await trx
    .insertInto('aged_renewals')
    .columns([
      'id',
      'aged_loan_id',
      'renewed_at',
      'previous_due_at',
      'due_at',
      'staff_user_id',
      'workstation_id',
      'source',
      'overridden_code',
      'override_reason',
    ])
    .expression(
      trx
        .selectFrom('renewals')
        .select([
          'id',
          'loan_id',
          'renewed_at',
          'previous_due_at',
          'due_at',
          'staff_user_id',
          'workstation_id',
          'source',
          'overridden_code',
          'override_reason',
        ])
        .where('loan_id', 'in', ids),
    )
    .execute();
  await trx.deleteFrom('renewals').where('loan_id', 'in', ids).execute();
  // Every other row that points at the loan lets go of it: the hold it fulfilled and the offline
  // transaction that made it keep their own record, and the aged loan keeps the same id.
  await trx
    .updateTable('holds')
    .set({ fulfilled_loan_id: null })
    .where('fulfilled_loan_id', 'in', ids)
    .execute();
  await trx
    .updateTable('offline_transactions')
    .set({ loan_id: null })
    .where('loan_id', 'in', ids)
    .execute();
  await trx.deleteFrom('loans').where('id', 'in', ids).execute();
  return ids.length;
}

/** Ended holds name a patron and a title: deleted once as old, unless a transit still carries one. */
async function deleteEndedHolds(trx: Trx, cutoff: number, batchRows: number) {
  const ids = (
    await lockedRows(
      trx,
      trx
        .selectFrom('holds')
        .select('id')
        .where('ended_at', 'is not', null)
        .where('ended_at', '<=', cutoff)
        .where('status', 'in', ENDED_HOLD_STATUSES)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('transits')
                .select('transits.id')
                .whereRef('transits.hold_id', '=', 'holds.id')
                .where('transits.received_at', 'is', null),
            ),
          ),
        )
        .orderBy('ended_at')
        .orderBy('id')
        .limit(batchRows),
    ).execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;
  // A received transit keeps where the item went and when, without the hold it went for.
  await trx.updateTable('transits').set({ hold_id: null }).where('hold_id', 'in', ids).execute();
  await trx.deleteFrom('holds').where('id', 'in', ids).execute();
  return ids.length;
}

async function forgetOfflinePatrons(trx: Trx, cutoff: number, now: number, batchRows: number) {
  const rows = await lockedRows(
    trx,
    trx
      .selectFrom('offline_transactions as t')
      .select(['t.id', 't.patron_barcode', 't.previous_patron_barcode', 't.payload', 't.message'])
      .where('t.patron_forgotten_at', 'is', null)
      .where('t.processed_at', 'is not', null)
      .where('t.processed_at', '<=', cutoff)
      .where('t.status', 'in', SETTLED)
      // Settled by a supervisor later than processing: counted from the last decision.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('offline_exception_actions as a')
              .select('a.id')
              .whereRef('a.transaction_id', '=', 't.id')
              .where('a.at', '>', cutoff),
          ),
        ),
      )
      .orderBy('t.processed_at')
      .orderBy('t.id')
      .limit(batchRows),
  ).execute();
  if (rows.length === 0) return 0;
  const engine = engineOf(trx);
  const actions = await trx
    .selectFrom('offline_exception_actions')
    .select(['id', 'transaction_id', 'patron_barcode', 'reason'])
    .where(
      'transaction_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();

  const barcodesOf = new Map<string, Set<string>>();
  for (const row of rows) {
    const barcodes = new Set<string>();
    for (const b of [row.patron_barcode, row.previous_patron_barcode]) if (b) barcodes.add(b);
    const recorded = recordedPatronBarcode(row.payload);
    if (recorded) barcodes.add(recorded);
    for (const detail of recordedRegistrationDetails(row.payload)) barcodes.add(detail);
    barcodesOf.set(row.id, barcodes);
  }
  for (const action of actions) {
    if (action.patron_barcode) barcodesOf.get(action.transaction_id)?.add(action.patron_barcode);
  }

  await updateFromValues({
    trx,
    engine,
    table: 'offline_transactions',
    key: { name: 'id', type: 'text' },
    set: [
      { name: 'patron_barcode', type: 'text' },
      { name: 'previous_patron_barcode', type: 'text' },
      { name: 'payload', type: 'text' },
      { name: 'message', type: 'text' },
      { name: 'patron_forgotten_at', type: 'bigint' },
    ],
    rows: rows.map((row) => {
      const barcodes = barcodesOf.get(row.id) ?? new Set<string>();
      return [
        row.id,
        null,
        null,
        withoutPatronInPayload(row.payload),
        row.message === null ? null : withoutBarcodes(row.message, barcodes),
        now,
      ];
    }),
  });
  const touched = actions.filter((a) => a.patron_barcode !== null || a.reason !== null);
  if (touched.length > 0) {
    await updateFromValues({
      trx,
      engine,
      table: 'offline_exception_actions',
      key: { name: 'id', type: 'integer' },
      set: [
        { name: 'patron_barcode', type: 'text' },
        { name: 'reason', type: 'text' },
      ],
      rows: touched.map((a) => {
        const barcodes = barcodesOf.get(a.transaction_id) ?? new Set<string>();
        return [a.id, null, a.reason === null ? null : withoutBarcodes(a.reason, barcodes)];
      }),
    });
  }
  return rows.length;
}

// Applies every pending offline transaction, from every workstation, in the order they happened.
// Each batch is one database transaction holding its outcomes and its loan changes together: a
// crash leaves each transaction either fully applied or still pending, and the next run resumes.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { OfflineTransactionStatus } from '../../shared/api/offline.ts';
import { compareForProcessing } from '../../shared/processing/order.ts';
import { engineOf } from '../db/connect.ts';
import type { Database, OfflineTransactionRow } from '../db/schema.ts';
import {
  applyBatch,
  ConcurrentLoanChangeError,
  type AppliedTransaction,
  type ProcessingHooks,
} from './applyBatch.ts';

/**
 * The PostgreSQL advisory lock every processing batch (and exception re-apply) holds, so two app
 * servers never apply the same transaction twice or out of time order. Never change it while
 * servers of two versions may run against one database.
 */
export const OFFLINE_PROCESSING_LOCK_KEY = 4_300_777_001;

/** Large enough that per-batch queries are a rounding error, small enough to commit often. */
export const DEFAULT_PROCESSING_BATCH_SIZE = 2_000;

/** An online check-out racing a batch only costs a retry of that batch. */
const MAX_ATTEMPTS_PER_BATCH = 3;

export interface ProcessPendingProps {
  db: Kysely<Database>;
  /** The clock, read once per batch for processed_at. */
  now: () => number;
  /** Transactions per database transaction. */
  batchSize?: number;
  /** Fault tests only. */
  hooks?: ProcessingHooks;
}

export interface ProcessingRun {
  batches: number;
  processed: number;
  applied: number;
  appliedWithWarning: number;
  exceptions: number;
  noted: number;
  /** Transactions that were applied after later ones (they reached the server late). */
  arrivedLate: number;
}

/** Processes until nothing is pending; resolves once the last batch has committed. */
export async function processPendingOfflineTransactions(
  props: ProcessPendingProps,
): Promise<ProcessingRun> {
  const batchSize = props.batchSize ?? DEFAULT_PROCESSING_BATCH_SIZE;
  const run: ProcessingRun = {
    batches: 0,
    processed: 0,
    applied: 0,
    appliedWithWarning: 0,
    exceptions: 0,
    noted: 0,
    arrivedLate: 0,
  };
  for (;;) {
    const applied = await processBatchWithRetry(props, batchSize);
    if (applied.length === 0) return run;
    run.batches += 1;
    for (const a of applied) {
      run.processed += 1;
      if (a.arrivedLate) run.arrivedLate += 1;
      if (a.decision.outcome === 'applied') run.applied += 1;
      else if (a.decision.outcome === 'applied_with_warning') run.appliedWithWarning += 1;
      else if (a.decision.outcome === 'exception') run.exceptions += 1;
      else run.noted += 1;
    }
  }
}

async function processBatchWithRetry(
  props: ProcessPendingProps,
  batchSize: number,
): Promise<AppliedTransaction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await props.db.transaction().execute(async (trx) => {
        await takeProcessingLock(trx);
        const rows = await nextPendingBatch(trx, batchSize);
        if (rows.length === 0) return [];
        return applyBatch(trx, rows, {
          now: props.now(),
          processedThrough: await latestProcessedTime(trx),
          ...(props.hooks ? { hooks: props.hooks } : {}),
        });
      });
    } catch (error) {
      const retryable = error instanceof ConcurrentLoanChangeError || isUniqueViolation(error);
      if (!retryable || attempt >= MAX_ATTEMPTS_PER_BATCH) throw error;
    }
  }
}

/**
 * Serialises processing across app servers on PostgreSQL until the transaction ends. SQLite
 * needs nothing: it admits one writer at a time.
 */
export async function takeProcessingLock(trx: Transaction<Database>): Promise<void> {
  if (engineOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${sql.lit(OFFLINE_PROCESSING_LOCK_KEY)})`.execute(trx);
}

/** The earliest pending transactions, in processing order (see compareForProcessing). */
async function nextPendingBatch(
  trx: Transaction<Database>,
  batchSize: number,
): Promise<OfflineTransactionRow[]> {
  const rows = await trx
    .selectFrom('offline_transactions')
    .selectAll()
    .where('status', '=', 'pending')
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

const PROCESSED_STATUSES: readonly OfflineTransactionStatus[] = [
  'applied',
  'applied_with_warning',
  'exception',
  'noted',
  'dismissed',
];

/**
 * The latest corrected time among processed transactions: one index probe per status. Written as
 * ORDER BY … DESC LIMIT 1 rather than max(): PostgreSQL planned max() as an aggregate over every
 * row of the status (a scan that grew with the processed history, 61 ms a batch at 100,000), where
 * this walks the (status, corrected_at …) index backwards to its first entry on both engines.
 */
async function latestProcessedTime(trx: Transaction<Database>): Promise<number | null> {
  let latest: number | null = null;
  const result = await trx
    .selectNoFrom((eb) =>
      PROCESSED_STATUSES.map((status) =>
        eb
          .selectFrom('offline_transactions')
          .select('corrected_at')
          .where('status', '=', status)
          .orderBy('corrected_at', 'desc')
          .limit(1)
          .as(status),
      ),
    )
    .executeTakeFirst();
  for (const value of Object.values(result ?? {})) {
    if (value !== null && value !== undefined) latest = Math.max(latest ?? 0, Number(value));
  }
  return latest;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// Applies every pending offline transaction, from every workstation, in the order they happened.
// Each batch is one database transaction holding its outcomes and its loan changes together: a
// crash leaves each transaction either fully applied or still pending, and the next run resumes.
// Processing is background work (db/backgroundWork.ts): it waits behind the desks' queries; while
// desks are lending, batches are kept short (batchSizing.ts) and before each the desks' requests
// under way go first (db/givingWay.ts), so a desk's request goes in between two batches instead
// of waiting behind the whole backlog.
import { sql, type Kysely, type Transaction } from 'kysely';
import { backgroundDatabase, desksAreBusy, giveWayToDesks } from '../db/backgroundWork.ts';
import { engineOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import {
  applyBatch,
  ConcurrentLoanChangeError,
  type AppliedTransaction,
  type ProcessingHooks,
} from './applyBatch.ts';
import { ProcessingBatchSizer } from './batchSizing.ts';
import { latestProcessedTime, nextPendingBatch } from './pendingQueue.ts';

/**
 * The PostgreSQL advisory lock every processing batch (and exception re-apply) holds, so two app
 * servers never apply the same transaction twice or out of time order. Never change it while
 * servers of two versions may run against one database.
 */
export const OFFLINE_PROCESSING_LOCK_KEY = 4_300_777_001;

/**
 * Transactions per batch when no desk is lending, and the most ever: large enough that per-batch
 * queries are a rounding error, small enough to commit often.
 */
export const DEFAULT_PROCESSING_BATCH_SIZE = 2_000;

/** An online check-out racing a batch only costs a retry of that batch. */
const MAX_ATTEMPTS_PER_BATCH = 3;

export interface ProcessPendingProps {
  db: Kysely<Database>;
  /** The clock, read once per batch for processed_at. */
  now: () => number;
  /** Most transactions per database transaction (fewer while desks are lending). */
  batchSize?: number;
  /** Whether desks are lending now; by default, on SQLite, whether an online request arrived lately. */
  desksBusy?: () => boolean;
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
  const sizer = new ProcessingBatchSizer(props.batchSize ?? DEFAULT_PROCESSING_BATCH_SIZE);
  // Only SQLite's one connection makes a desk wait behind a batch. On PostgreSQL a batch holds
  // nothing a desk needs (its own connection, row locks on the items it changes), and busy-desk
  // batches there only cost throughput: the surge with desks lending took 3.4× its time alone
  // with them, 1.7× without (online-desk-rate, docs/benchmarks.md).
  const desksBusy =
    props.desksBusy ?? (engineOf(props.db) === 'postgres' ? () => false : () => desksAreBusy());
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
    const applied = await processBatchWithRetry(props, sizer, sizer.next(desksBusy()));
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
    // Requests that arrived during the batch are answered before the next batch is read.
    await giveWayToDesks();
  }
}

async function processBatchWithRetry(
  props: ProcessPendingProps,
  sizer: ProcessingBatchSizer,
  batchSize: number,
): Promise<AppliedTransaction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await backgroundDatabase(props.db)
        .transaction()
        .execute(async (trx) => {
          await takeProcessingLock(trx);
          // From here until the commit the batch holds the database: that is what the sizer learns.
          const started = performance.now();
          const rows = await nextPendingBatch(trx, batchSize);
          if (rows.length === 0) return [];
          const applied = await applyBatch(trx, rows, {
            now: props.now(),
            processedThrough: await latestProcessedTime(trx),
            ...(props.hooks ? { hooks: props.hooks } : {}),
          });
          sizer.record(rows.length, performance.now() - started);
          return applied;
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

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// Circa's own path for an outage's worth of offline transactions: each workstation's outbox stored
// by receiveOfflineUpload (uploads of at most 50,000), then processPendingOfflineTransactions
// applying everything pending in time order — what the server does after uploads arrive.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import {
  processPendingOfflineTransactions,
  type ProcessingRun,
} from '../../src/server/offline/process.ts';
import { receiveOfflineUpload } from '../../src/server/offline/receive.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';

/** The most transactions one upload carries here (the limit for this benchmark). */
export const MAX_UPLOAD_TRANSACTIONS = 50_000;

export interface CircaPathTotals extends Omit<ProcessingRun, 'batches'> {
  batches: number;
  uploads: number;
  stored: number;
  receiveSeconds: number;
  processSeconds: number;
}

export function emptyTotals(): CircaPathTotals {
  return {
    batches: 0,
    processed: 0,
    applied: 0,
    appliedWithWarning: 0,
    exceptions: 0,
    noted: 0,
    arrivedLate: 0,
    uploads: 0,
    stored: 0,
    receiveSeconds: 0,
    processSeconds: 0,
  };
}

/**
 * Sends `transactions` as one upload per workstation (split at MAX_UPLOAD_TRANSACTIONS), then
 * processes everything pending; adds what happened to `totals`.
 */
export async function sendAndProcess(props: {
  db: Kysely<Database>;
  staffUserId: number;
  transactions: readonly OfflineTransaction[];
  totals: CircaPathTotals;
  now: number;
}): Promise<void> {
  const { db, totals } = props;
  const byWorkstation = new Map<string, OfflineTransaction[]>();
  for (const t of props.transactions) {
    const list = byWorkstation.get(t.workstation) ?? [];
    list.push(t);
    byWorkstation.set(t.workstation, list);
  }
  const receiving = performance.now();
  for (const [workstation, outbox] of byWorkstation) {
    for (let start = 0; start < outbox.length; start += MAX_UPLOAD_TRANSACTIONS) {
      const upload = await receiveOfflineUpload({
        db,
        actor: { user: { id: props.staffUserId }, workstation: { name: workstation } },
        source: 'client',
        transactions: outbox.slice(start, start + MAX_UPLOAD_TRANSACTIONS),
        now: props.now,
      });
      totals.uploads += 1;
      totals.stored += upload.stored;
    }
  }
  const processing = performance.now();
  totals.receiveSeconds += (processing - receiving) / 1000;
  const run = await processPendingOfflineTransactions({ db, now: () => props.now });
  totals.processSeconds += (performance.now() - processing) / 1000;
  totals.batches += run.batches;
  totals.processed += run.processed;
  totals.applied += run.applied;
  totals.appliedWithWarning += run.appliedWithWarning;
  totals.exceptions += run.exceptions;
  totals.noted += run.noted;
  totals.arrivedLate += run.arrivedLate;
}

export async function staffUserId(db: Kysely<Database>, username: string): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The offline processing benchmarks' goals, against the floor and the replay. */
export const GOAL_FLOOR_RATIO = 3;
export const GOAL_REPLAY_RATIO = 20;

/**
 * What both processing benchmarks report of Circa's path against their baselines: its own figures,
 * the floor's rate, the two ratios and whether the goals were met. Throws when Circa did not
 * store and process every transaction: a rate over fewer would flatter it.
 */
export function compareWithBaselines(props: {
  totals: CircaPathTotals;
  transactions: number;
  workstations: number;
  floorSeconds: number;
  replayTxPerSec: number;
}) {
  const { totals, transactions } = props;
  if (totals.processed !== transactions || totals.stored !== transactions) {
    throw new Error(
      `Circa stored ${totals.stored} and processed ${totals.processed} of ${transactions} transactions.`,
    );
  }
  const circaSeconds = totals.receiveSeconds + totals.processSeconds;
  const circaTxPerSec = transactions / circaSeconds;
  const floorTxPerSec = transactions / props.floorSeconds;
  const floorRatio = floorTxPerSec / circaTxPerSec;
  const replayRatio = circaTxPerSec / props.replayTxPerSec;
  return {
    circaFigures: {
      transactions,
      workstations: props.workstations,
      txPerSec: Math.round(circaTxPerSec),
      seconds: round2(circaSeconds),
      receiveTxPerSec: Math.round(transactions / totals.receiveSeconds),
      processTxPerSec: Math.round(transactions / totals.processSeconds),
      applied: totals.applied,
      appliedWithWarning: totals.appliedWithWarning,
      exceptions: totals.exceptions,
      noted: totals.noted,
    },
    floorFigures: {
      floorTxPerSec: Math.round(floorTxPerSec),
      floorSeconds: round2(props.floorSeconds),
    },
    ratios: { floorOverCirca: round2(floorRatio), circaOverReplay: round2(replayRatio) },
    goal: {
      text: `within ${GOAL_FLOOR_RATIO}× of the floor and at least ${GOAL_REPLAY_RATIO}× faster than the replay`,
      met: floorRatio <= GOAL_FLOOR_RATIO && replayRatio >= GOAL_REPLAY_RATIO,
    },
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

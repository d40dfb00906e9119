// Offline processing benchmark (issue 4 "Done when", issue 5 item 1): 100,000 offline check-outs
// from 30 workstations against the demo library, through Circa's path (store the uploads, then
// process), beside (a) the same transactions replayed one by one through POST /api/checkouts and
// (b) the floor: the same loan rows written by plain SQL in one database transaction. Same run,
// same data, on every engine.
import type { Engine } from '../../src/server/db/connect.ts';
import type { BenchContext, BenchModule, BenchResult } from '../support/types.ts';
import { compareWithBaselines, emptyTotals, sendAndProcess, staffUserId } from './circaPath.ts';
import { openFreshLibrary } from './databases.ts';
import { openLoanIds, readFloorLoans, writeFloorLoans } from './floor.ts';
import { replayThroughCheckOutApi } from './replay.ts';
import { createWorkload, kindOf, shelfItemsNeeded } from './workload.ts';

const DAY_MS = 86_400_000;

export interface ProcessingSize {
  transactions: number;
  workstations: number;
  /** Every n-th transaction is replayed through the API (a replay of all would take an hour). */
  replayEvery: number;
}

/** The lookback for "already on loan" (1,000) is a multiple of replayEvery: the sample keeps the mix. */
export const FULL_SIZE: ProcessingSize = {
  transactions: 100_000,
  workstations: 30,
  replayEvery: 20,
};
export const SMOKE_SIZE: ProcessingSize = {
  transactions: 2_000,
  workstations: 30,
  replayEvery: 50,
};

export { GOAL_FLOOR_RATIO, GOAL_REPLAY_RATIO } from './circaPath.ts';

export const offlineProcessing: BenchModule = {
  name: 'offline-processing',
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const engine of ctx.engines) {
      results.push(await runOnEngine(engine, ctx, ctx.smoke ? SMOKE_SIZE : FULL_SIZE));
    }
    return results;
  },
};

export async function runOnEngine(
  engine: Engine,
  ctx: Pick<BenchContext, 'postgresUrl'>,
  size: ProcessingSize,
): Promise<BenchResult> {
  const seededAt = Date.now();
  // A three-day outage that has just ended.
  const outage = { startMs: seededAt - 3 * DAY_MS, spanMs: 3 * DAY_MS - 60_000 };
  const addedItems = shelfItemsNeeded(size.transactions);
  const library = {
    engine,
    postgresUrl: ctx.postgresUrl,
    seededAt,
    addedItems,
    outageStartMs: outage.startMs,
  };

  const circa = await openFreshLibrary(library);
  let transactions;
  const totals = emptyTotals();
  let floorLoans;
  try {
    const { pools } = circa;
    const workload = createWorkload(pools, {
      total: size.transactions,
      workstations: size.workstations,
      ...outage,
    });
    transactions = workload.take(size.transactions);
    const openBefore = await openLoanIds(circa.db);
    await sendAndProcess({
      db: circa.db,
      staffUserId: await staffUserId(circa.db, pools.staffUsername),
      transactions,
      totals,
      now: seededAt,
    });
    floorLoans = await readFloorLoans(circa.db, openBefore);
  } finally {
    await circa.dispose();
  }
  const unknown = transactions.filter((_, i) => kindOf(i) === 'unknown').length;
  const floorDb = await openFreshLibrary(library);
  let floorSeconds;
  try {
    floorSeconds = await writeFloorLoans(floorDb.db, engine, floorLoans);
  } finally {
    await floorDb.dispose();
  }

  const sample = transactions.filter((_, i) => i % size.replayEvery === 0);
  const replay = await replayThroughCheckOutApi({
    engine,
    postgresUrl: ctx.postgresUrl,
    addedItems,
    transactions: sample,
  });

  const compared = compareWithBaselines({
    totals,
    transactions: size.transactions,
    workstations: size.workstations,
    floorSeconds,
    replayTxPerSec: replay.txPerSec,
  });
  return {
    name: 'offline-processing',
    engine,
    figures: { ...compared.circaFigures, loansWritten: floorLoans.rows.length },
    baseline: {
      name: 'plain-SQL floor (same loan rows, one transaction); replay through POST /api/checkouts',
      figures: {
        ...compared.floorFigures,
        replayTxPerSec: Math.round(replay.txPerSec),
        replaySent: replay.sent,
        replayLent: replay.lent,
        replayRefused: replay.refused,
      },
    },
    ratios: compared.ratios,
    goal: compared.goal,
    notes:
      `${size.transactions.toLocaleString('en-US')} check-outs from ${size.workstations} workstations over a 3-day outage ` +
      `(${unknown} unknown barcodes, the rest ~5% items already on loan); Circa = one upload per workstation ` +
      `(receiveOfflineUpload) then processPendingOfflineTransactions, wall time of both. ` +
      `Replay: every ${size.replayEvery}th transaction (${replay.sent}) sent one at a time over HTTP to the real server ` +
      `(child process, supervisor with override), rate per second. Floor: the ${floorLoans.rows.length} loan rows ` +
      `Circa wrote, inserted into a fresh copy of the library by multi-row INSERT in one transaction.`,
  };
}

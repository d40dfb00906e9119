// Offline processing of the whole desk (issue 13): 100,000 offline transactions from 30
// workstations, 40% check-ins (a tenth of them catching holds), 5% renewals, 2% registrations, the
// rest check-outs, through Circa's path beside (a) the same transactions replayed one by one
// through the online API and (b) the floor: the same end state of the circulation tables written by
// plain set-based SQL. Same goals as the check-out-only mix; same run, same data, on every engine.
import type { Kysely } from 'kysely';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import type { BenchContext, BenchModule, BenchResult } from '../support/types.ts';
import { compareWithBaselines, emptyTotals, sendAndProcess, staffUserId } from './circaPath.ts';
import { openFreshLibrary } from './databases.ts';
import { deskFloorRows, readDeskBefore, readDeskFloor, writeDeskFloor } from './deskFloor.ts';
import { replayThroughDeskApi } from './deskReplay.ts';
import {
  createDeskWorkload,
  deskLoansBeforeNeeded,
  deskPools,
  deskShelfItemsNeeded,
  seedDeskLibrary,
  type DeskPools,
  type PlannedHold,
} from './deskWorkload.ts';
import { FULL_SIZE, SMOKE_SIZE, type ProcessingSize } from './offlineProcessing.ts';
import { addShelfItems, libraryPools } from './workload.ts';

const DAY_MS = 86_400_000;
const NAME = 'offline-processing-desk';

export const offlineProcessingDesk: BenchModule = {
  name: NAME,
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const engine of ctx.engines) {
      results.push(await runDeskOnEngine(engine, ctx, ctx.smoke ? SMOKE_SIZE : FULL_SIZE));
    }
    return results;
  },
};

export async function runDeskOnEngine(
  engine: Engine,
  ctx: Pick<BenchContext, 'postgresUrl'>,
  size: ProcessingSize,
): Promise<BenchResult> {
  const seededAt = Date.now();
  const outage = { startMs: seededAt - 3 * DAY_MS, spanMs: 3 * DAY_MS - 60_000 };
  const addedItems = deskShelfItemsNeeded(size.transactions);
  const loansBefore = deskLoansBeforeNeeded(size.transactions);
  const library = {
    engine,
    postgresUrl: ctx.postgresUrl,
    seededAt,
    addedItems,
    outageStartMs: outage.startMs,
  };

  const circa = await openFreshLibrary(library);
  let transactions;
  let holds: PlannedHold[];
  let pools: DeskPools;
  const totals = emptyTotals();
  let floor;
  try {
    pools = await deskPools(circa.db, circa.pools, addedItems, loansBefore);
    ({ transactions, holds } = createDeskWorkload(pools, {
      total: size.transactions,
      workstations: size.workstations,
      ...outage,
    }));
    await seedDeskLibrary(circa.db, { before: pools.before, holds, outageStartMs: outage.startMs });
    const before = await readDeskBefore(circa.db);
    await sendAndProcess({
      db: circa.db,
      staffUserId: await staffUserId(circa.db, pools.staffUsername),
      transactions,
      totals,
      now: seededAt,
    });
    floor = await readDeskFloor(circa.db, before);
  } finally {
    await circa.dispose();
  }
  const seed = (db: Kysely<Database>) =>
    seedDeskLibrary(db, { before: pools.before, holds, outageStartMs: outage.startMs });

  const floorDb = await openFreshLibrary(library);
  let floorSeconds;
  try {
    await seed(floorDb.db);
    floorSeconds = await writeDeskFloor(floorDb.db, engine, floor);
  } finally {
    await floorDb.dispose();
  }

  const sample = transactions.filter((_, i) => i % size.replayEvery === 0);
  const replay = await replayThroughDeskApi({
    engine,
    postgresUrl: ctx.postgresUrl,
    prepare: async (db) => {
      // The replay's library is seeded at its own start: the same pools, read the same way.
      const replayPools = await libraryPools(db, outage.startMs);
      if (replayPools.shelf.demo.length !== pools.shelf.demo.length) {
        throw new Error('The replay library lends from a different shelf than Circa’s copy.');
      }
      await addShelfItems(db, addedItems);
      await seed(db);
    },
    transactions: sample,
  });

  const count = (type: string) => transactions.filter((t) => t.type === type).length;
  const compared = compareWithBaselines({
    totals,
    transactions: size.transactions,
    workstations: size.workstations,
    floorSeconds,
    replayTxPerSec: replay.txPerSec,
  });
  return {
    name: NAME,
    engine,
    figures: {
      ...compared.circaFigures,
      checkIns: count('check_in'),
      holdsWaiting: holds.length,
      renewals: count('renewal'),
      registrations: count('registration'),
      checkOuts: count('check_out'),
      patronsCreated: floor.patrons.length,
      loansWritten: floor.loans.length,
      loansChanged: floor.loanChanges.length,
      holdsChanged: floor.holdChanges.length,
      transitsStarted: floor.transits.length,
    },
    baseline: {
      name: 'plain-SQL floor (same end state, set-based, one transaction); replay through the online API',
      figures: {
        ...compared.floorFigures,
        floorRows: deskFloorRows(floor),
        replayTxPerSec: Math.round(replay.txPerSec),
        replaySent: replay.sent,
        replayDone: replay.sent - replay.refused,
        replayRefused: replay.refused,
        replayCheckIns: replay.done.check_in,
        replayRenewals: replay.done.renewal,
        replayRegistrations: replay.done.registration,
      },
    },
    ratios: compared.ratios,
    goal: compared.goal,
    notes:
      `${size.transactions.toLocaleString('en-US')} transactions from ${size.workstations} workstations over a 3-day outage: ` +
      `${count('check_in')} check-ins (${holds.length} of items with a hold waiting), ${count('renewal')} renewals, ` +
      `${count('registration')} registrations, ${count('check_out')} check-outs. Circa = one upload per workstation then ` +
      `processPendingOfflineTransactions. Replay: every ${size.replayEvery}th transaction (${replay.sent}) through ` +
      `POST /api/checkouts, /api/checkins, /api/loans/:id/renewal, /api/patrons, one at a time; refused: ` +
      `${[...replay.refusals].map(([what, n]) => `${n} ${what}`).join(', ')}. Floor: the ` +
      `${deskFloorRows(floor)} rows Circa's path inserted or changed in patrons, loans, renewals, holds, transits ` +
      `and items, written set-based in one transaction into a fresh copy.`,
  };
}

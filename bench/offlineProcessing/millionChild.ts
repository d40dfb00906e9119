// The million-transaction run on SQLite, in a process of its own so its memory is its own: a fresh
// library, then rounds of uploads (one per workstation), each processed as it arrives, while RSS is
// sampled. Prints one JSON line (MillionFigures) when done. Started by million.ts.
import { emptyTotals, sendAndProcess, staffUserId } from './circaPath.ts';
import { openFreshLibrary } from './databases.ts';
import { createWorkload, shelfItemsNeeded } from './workload.ts';

const DAY_MS = 86_400_000;
const MIB = 2 ** 20;
const RSS_SAMPLE_INTERVAL_MS = 25;
const rss = () => process.memoryUsage.rss();

export interface MillionFigures {
  transactions: number;
  rounds: number;
  workstations: number;
  setupSeconds: number;
  seconds: number;
  txPerSec: number;
  /** The first quarter of the same run. */
  quarterTransactions: number;
  quarterSeconds: number;
  quarterTxPerSec: number;
  rssAfterSetupMiB: number;
  peakRssQuarterMiB: number;
  peakRssMiB: number;
  /** The kernel's high-water mark for the whole process, setup included. */
  maxRssMiB: number;
  applied: number;
  appliedWithWarning: number;
  exceptions: number;
  processed: number;
}

async function main(): Promise<void> {
  const [total = 1_000_000, rounds = 20, workstations = 30] = process.argv.slice(2).map(Number);
  const setupStarted = performance.now();
  const seededAt = Date.now();
  const outage = { startMs: seededAt - 3 * DAY_MS, spanMs: 3 * DAY_MS - 60_000 };
  const library = await openFreshLibrary({
    engine: 'sqlite',
    seededAt,
    addedItems: shelfItemsNeeded(total),
    outageStartMs: outage.startMs,
  });
  try {
    const workload = createWorkload(library.pools, { total, workstations, ...outage });
    const staffId = await staffUserId(library.db, library.pools.staffUsername);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    let peak = rss();
    const rssAfterSetup = peak;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss());
    }, RSS_SAMPLE_INTERVAL_MS);
    const perRound = Math.ceil(total / rounds);
    const quarterRounds = Math.max(1, Math.round(rounds / 4));
    const totals = emptyTotals();
    const started = performance.now();
    let quarter = { transactions: 0, seconds: 0, peak: 0 };
    for (let round = 1; round <= rounds; round++) {
      const transactions = workload.take(perRound);
      await sendAndProcess({
        db: library.db,
        staffUserId: staffId,
        transactions,
        totals,
        now: seededAt,
      });
      peak = Math.max(peak, rss());
      if (round === quarterRounds) {
        quarter = {
          transactions: totals.processed,
          seconds: (performance.now() - started) / 1000,
          peak,
        };
      }
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const figures: MillionFigures = {
      transactions: totals.processed,
      rounds,
      workstations,
      setupSeconds: round2(setupSeconds),
      seconds: round2(seconds),
      txPerSec: Math.round(totals.processed / seconds),
      quarterTransactions: quarter.transactions,
      quarterSeconds: round2(quarter.seconds),
      quarterTxPerSec: Math.round(quarter.transactions / quarter.seconds),
      rssAfterSetupMiB: round2(rssAfterSetup / MIB),
      peakRssQuarterMiB: round2(quarter.peak / MIB),
      peakRssMiB: round2(peak / MIB),
      maxRssMiB: round2((process.resourceUsage().maxRSS * 1024) / MIB),
      applied: totals.applied,
      appliedWithWarning: totals.appliedWithWarning,
      exceptions: totals.exceptions,
      processed: totals.processed,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await library.dispose();
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

await main();

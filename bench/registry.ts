// Every benchmark `npm run bench` runs, in this order. To add one, export a BenchModule from your
// folder and add it to the list below (one line); its smoke version then runs in the tests too
// (bench/registry.smoke.test.ts).
//
// The module interface (bench/support/types.ts):
//   { name, run(ctx): Promise<BenchResult[]> }
//   ctx     = { smoke, engines, postgresUrl?, machine }: smoke means tiny sizes; engines lists the
//             database engines to measure (SQLite always, PostgreSQL when DATABASE_URL is set);
//             postgresUrl is where to create throw-away schemas or databases.
//   result  = { name, engine, figures, baseline: { name, figures }, ratios, goal?, notes? }:
//             one per engine ('sqlite' | 'postgres' | 'browser'); figure keys carry their unit;
//             the baseline is measured in the same run; ratios are keyed like the figure they
//             explain; goal = { text, met }. The harness prints them in one table and merges them
//             by name and engine into bench/results/latest.json.
import { checkInHoldQueue } from './holds/checkInHoldQueue.ts';
import { importBenchmark } from './imports/importBench.ts';
import { outboxReading } from './offlineUploads/outboxReading.ts';
import { offlineClientStart } from './offlineClient/clientStart.ts';
import { scanToRecordedRow } from './offlineClient/scanToRecordedRow.ts';
import { signInToCheckOut } from './offlineClient/signInToCheckOut.ts';
import { offlineProcessingMillion } from './offlineProcessing/million.ts';
import { offlineProcessing } from './offlineProcessing/offlineProcessing.ts';
import { offlineProcessingDesk } from './offlineProcessing/offlineProcessingDesk.ts';
import { onlineDeskAlone, onlineDeskRate } from './online/deskRate/deskRate.ts';
import { largePatron } from './online/largePatron.ts';
import { patronSearch } from './records/patronSearch.ts';
import { renewAllBenchmark } from './renewals/renewAll.ts';
import type { BenchModule } from './support/types.ts';

export const BENCHMARKS: readonly BenchModule[] = [
  offlineProcessing,
  offlineProcessingDesk,
  offlineProcessingMillion,
  onlineDeskRate,
  outboxReading,
  onlineDeskAlone,
  largePatron,
  scanToRecordedRow,
  offlineClientStart,
  signInToCheckOut,
  patronSearch,
  importBenchmark,
  renewAllBenchmark,
  checkInHoldQueue,
];

/** 'Offline client start', 'offline-client-start' and 'OFFLINE CLIENT START' name the same one. */
export function benchmarkSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function selectBenchmarks(
  only: readonly string[],
  all: readonly BenchModule[] = BENCHMARKS,
): BenchModule[] {
  if (only.length === 0) return [...all];
  const wanted = new Set(only.map(benchmarkSlug));
  const unknown = [...wanted].filter((w) => !all.some((m) => benchmarkSlug(m.name) === w));
  if (unknown.length > 0) {
    throw new Error(
      `No benchmark named ${unknown.join(', ')}. Known: ${all.map((m) => benchmarkSlug(m.name)).join(', ')}.`,
    );
  }
  return all.filter((m) => wanted.has(benchmarkSlug(m.name)));
}

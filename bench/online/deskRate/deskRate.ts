// The desk at a fixed rate, through the morning-after surge (issue 15): check-outs and check-ins
// arrive at 50, 100 and 200 a second (open loop, timed from when each was due), alone and while 50
// workstations send 2,000 offline transactions each at once and the server processes them. It
// writes the chart of the desk's p99 per second through the surge (docs/images).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Engine } from '../../../src/server/db/connect.ts';
import type { BenchContext, BenchModule, BenchResult } from '../../support/types.ts';
import { ratio } from '../../support/stats.ts';
import { surgeChartSvg, type ChartSeries } from './chart.ts';
import type { LatencySummary } from './latencies.ts';
import {
  runDeskAlone,
  runSurgeAlone,
  runSurgeWithDesk,
  type AloneRun,
  type DeskRateSize,
  type SurgeAloneRun,
  type SurgeWithDeskRun,
} from './runs.ts';
import { setCheckPassed } from './surge.ts';

export const DESK_RATE_NAME = 'online-desk-rate';
export const DESK_RATE_SURGE_NAME = 'online-desk-rate-surge';
export const DESK_ALONE_NAME = 'online-desk-alone';

/** The goals, judged at GOAL_RATE (about 200 busy desks). */
export const GOAL_RATE_PER_SECOND = 100;
const GOAL_ALONE_P99_MS = 25;
export const GOAL_SURGE_P99_MS = 100;
const GOAL_SURGE_SLOWDOWN = 2;

export const FULL_SIZE: DeskRateSize = {
  desks: 200,
  aloneRates: [50, 100, 200],
  // 50 and 200 a second through the surge, too, when there is time: each surge takes minutes.
  surgeRates: [100],
  warmUpSeconds: 3,
  aloneSeconds: 20,
  leadInSeconds: 5,
  tailSeconds: 3,
  surge: { workstations: 50, transactionsPerWorkstation: 2_000 },
};

export const SMOKE_SIZE: DeskRateSize = {
  desks: 10,
  aloneRates: [20],
  surgeRates: [20],
  warmUpSeconds: 0.5,
  aloneSeconds: 1.5,
  leadInSeconds: 0.5,
  tailSeconds: 0.5,
  surge: { workstations: 5, transactionsPerWorkstation: 100 },
};

const DOCS_CHART = resolve(
  import.meta.dirname,
  '../../../docs/images/online-p99-through-surge.svg',
);
const ENGINE_LABELS: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Everything measured on one engine. */
export interface EngineRuns {
  engine: Engine;
  loadAverageAtStart: number;
  alone: AloneRun[];
  surgeAlone: SurgeAloneRun;
  withDesk: SurgeWithDeskRun[];
}

export interface DeskRateOptions {
  /** Where the chart goes: docs/images for the full run, a temporary folder for a smoke run. */
  chartPath(ctx: BenchContext): string;
  /** The sizes; the default is FULL_SIZE, or SMOKE_SIZE for a smoke run. */
  size?(ctx: BenchContext): DeskRateSize;
}

export function deskRateBenchmark(options: DeskRateOptions): BenchModule {
  return {
    name: DESK_RATE_NAME,
    async run(ctx) {
      const size = options.size?.(ctx) ?? (ctx.smoke ? SMOKE_SIZE : FULL_SIZE);
      const measured: EngineRuns[] = [];
      for (const engine of ctx.engines) {
        const loadAverageAtStart = loadavg()[0] ?? 0;
        const props = { engine, postgresUrl: ctx.postgresUrl };
        const alone = await runDeskAlone(props, size);
        const surgeAlone = await runSurgeAlone(props, size);
        const withDesk: SurgeWithDeskRun[] = [];
        for (const rate of size.surgeRates)
          withDesk.push(await runSurgeWithDesk(props, size, rate));
        measured.push({ engine, loadAverageAtStart, alone, surgeAlone, withDesk });
      }
      writeChart(options.chartPath(ctx), size, measured, ctx);
      return measured.flatMap((runs) => [aloneResult(runs, size), surgeResult(runs, size)]);
    },
  };
}

/**
 * Only the desk alone at the goal rate beside its floor, no surge and no chart: about a minute and a
 * half per engine instead of eight, for measuring a change to the desk's own requests before and
 * after, back to back (`npm run bench -- --only online-desk-alone --engines postgres`).
 * DESK_ALONE_RATE=50 measures at another rate, for a VM too loaded to serve the goal rate at all.
 */
export const onlineDeskAlone: BenchModule = {
  name: DESK_ALONE_NAME,
  async run(ctx) {
    const base = ctx.smoke ? SMOKE_SIZE : FULL_SIZE;
    const size: DeskRateSize = {
      ...base,
      aloneRates: ctx.smoke ? base.aloneRates : [deskAloneRate()],
      surgeRates: [],
    };
    const results: BenchResult[] = [];
    for (const engine of ctx.engines) {
      const loadAverageAtStart = loadavg()[0] ?? 0;
      const alone = await runDeskAlone({ engine, postgresUrl: ctx.postgresUrl }, size);
      results.push({
        ...aloneResult({ engine, loadAverageAtStart, alone }, size),
        name: DESK_ALONE_NAME,
      });
    }
    return results;
  },
};

/** Requests a second for online-desk-alone: DESK_ALONE_RATE, else the goal rate. */
function deskAloneRate(): number {
  const asked = process.env['DESK_ALONE_RATE'];
  if (asked === undefined || asked === '') return GOAL_RATE_PER_SECOND;
  const rate = Number(asked);
  if (!Number.isInteger(rate) || rate < 1) {
    throw new Error(
      `DESK_ALONE_RATE must be a whole number of requests a second (got '${asked}').`,
    );
  }
  return rate;
}

export const onlineDeskRate = deskRateBenchmark({
  chartPath: (ctx) =>
    ctx.smoke ? join(tmpdir(), 'circa-bench-smoke', 'online-p99-through-surge.svg') : DOCS_CHART,
});

function aloneResult(
  runs: Pick<EngineRuns, 'engine' | 'loadAverageAtStart' | 'alone'>,
  size: DeskRateSize,
): BenchResult {
  const figures: Record<string, number> = {};
  const baseline: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const run of runs.alone) {
    const r = `r${run.ratePerSecond}`;
    Object.assign(figures, latencyFigures(r, run.desk));
    Object.assign(baseline, latencyFigures(r, run.floor));
    ratios[`${r}_p99Ms`] = ratio(run.desk.p99Ms, run.floor.p99Ms);
  }
  const atGoal = runs.alone.find((r) => r.ratePerSecond === GOAL_RATE_PER_SECOND);
  const failed = runs.alone.reduce((sum, r) => sum + r.desk.failed + r.floor.failed, 0);
  const problems = runs.alone.flatMap((r) => r.failureSamples);
  return {
    name: DESK_RATE_NAME,
    engine: runs.engine,
    figures,
    baseline: { name: 'GET /api/session (the floor) at the same rates', figures: baseline },
    ratios,
    goal: {
      text: `at ${GOAL_RATE_PER_SECOND} requests/s p99 ≤ ${GOAL_ALONE_P99_MS} ms; no failed request at any rate`,
      met: atGoal !== undefined && atGoal.desk.p99Ms <= GOAL_ALONE_P99_MS && failed === 0,
    },
    notes: [
      `Open loop: check-outs and check-ins (half each) due at a fixed rate over ${size.desks} desks' keep-alive connections, each timed from when it was due; ${size.warmUpSeconds} s warm-up, then ${size.aloneSeconds} s measured per rate.`,
      `Load average when it started: ${runs.loadAverageAtStart.toFixed(2)}.`,
      ...(problems.length > 0 ? [`Failed: ${problems.join(' | ')}`] : []),
    ].join(' '),
  };
}

function surgeResult(runs: EngineRuns, size: DeskRateSize): BenchResult {
  const { surgeAlone } = runs;
  const check = surgeAlone.check;
  const figures: Record<string, number> = {
    surgeTransactions: check.sent,
    aloneStoredIds: check.storedIds,
    aloneMissing: check.missing,
    aloneDuplicated: check.duplicated,
    aloneUnexpected: check.unexpected,
    alonePending: check.pending,
    aloneFailedUploads: surgeAlone.uploadFailures.length,
  };
  const baseline: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const run of runs.withDesk) {
    const r = `r${run.ratePerSecond}`;
    const deskAlone = runs.alone.find((a) => a.ratePerSecond === run.ratePerSecond);
    Object.assign(figures, latencyFigures(r, run.during), {
      [`${r}_lastUploadSeconds`]: run.lastUploadSeconds,
      [`${r}_processedSeconds`]: run.processedSeconds,
      [`${r}_storedIds`]: run.check.storedIds,
      [`${r}_missing`]: run.check.missing,
      [`${r}_duplicated`]: run.check.duplicated,
      [`${r}_unexpected`]: run.check.unexpected,
      [`${r}_pending`]: run.check.pending,
      [`${r}_failedUploads`]: run.uploadFailures.length,
    });
    Object.assign(baseline, {
      [`${r}_lastUploadSeconds`]: surgeAlone.lastUploadSeconds,
      [`${r}_processedSeconds`]: surgeAlone.processedSeconds,
    });
    if (deskAlone) Object.assign(baseline, latencyFigures(r, deskAlone.desk));
    ratios[`${r}_processedSeconds`] = ratio(run.processedSeconds, surgeAlone.processedSeconds);
    if (deskAlone) ratios[`${r}_p99Ms`] = ratio(run.during.p99Ms, deskAlone.desk.p99Ms);
  }
  const atGoal = runs.withDesk.find((r) => r.ratePerSecond === GOAL_RATE_PER_SECOND);
  const everyTransaction =
    setCheckPassed(check, surgeAlone.uploadFailures) &&
    runs.withDesk.every((r) => setCheckPassed(r.check, r.uploadFailures));
  // Failed uploads first: they are rarer than a desk's time-outs and say more.
  const problems = [
    ...surgeAlone.uploadFailures.map((f) => `upload, surge alone: ${f}`),
    ...runs.withDesk.flatMap((r) =>
      r.uploadFailures.map((f) => `upload, desk at ${r.ratePerSecond}/s: ${f}`),
    ),
    ...runs.withDesk.flatMap((r) =>
      r.failureSamples.map((f) => `desk at ${r.ratePerSecond}/s: ${f}`),
    ),
  ];
  return {
    name: DESK_RATE_SURGE_NAME,
    engine: runs.engine,
    figures,
    baseline: {
      name: 'the surge with no desk, and the desk at the same rate with no surge',
      figures: baseline,
    },
    ratios,
    goal: {
      text: `at ${GOAL_RATE_PER_SECOND} requests/s during the surge p99 ≤ ${GOAL_SURGE_P99_MS} ms, no failed request; the surge processed within ${GOAL_SURGE_SLOWDOWN}× its time alone; every transaction stored once and processed`,
      met:
        atGoal !== undefined &&
        atGoal.during.p99Ms <= GOAL_SURGE_P99_MS &&
        runs.withDesk.every((r) => r.during.failed === 0 && r.failureSamples.length === 0) &&
        atGoal.processedSeconds <= GOAL_SURGE_SLOWDOWN * surgeAlone.processedSeconds &&
        everyTransaction,
    },
    notes: [
      `${size.surge.workstations} workstations × ${size.surge.transactionsPerWorkstation} offline check-outs sent at once; the desk runs from ${size.leadInSeconds} s before the uploads until ${size.tailSeconds} s after nothing is pending; latencies are of the requests due from the first upload until nothing was pending.`,
      `Outcomes alone: ${describeStatuses(check.statuses)}.`,
      `Load average when it started: ${runs.loadAverageAtStart.toFixed(2)}.`,
      ...(problems.length > 0 ? [`Problems: ${problems.slice(0, 5).join(' | ')}`] : []),
    ].join(' '),
  };
}

function latencyFigures(prefix: string, summary: LatencySummary): Record<string, number> {
  return {
    [`${prefix}_achievedPerSec`]: summary.achievedPerSecond,
    [`${prefix}_p50Ms`]: summary.p50Ms,
    [`${prefix}_p95Ms`]: summary.p95Ms,
    [`${prefix}_p99Ms`]: summary.p99Ms,
    [`${prefix}_maxMs`]: summary.maxMs,
    [`${prefix}_failed`]: summary.failed,
    [`${prefix}_timedOut`]: summary.timedOut,
  };
}

function describeStatuses(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
}

/** The chart of the goal rate's run (or the first surge rate, if the goal rate was not run). */
function writeChart(
  path: string,
  size: DeskRateSize,
  measured: readonly EngineRuns[],
  ctx: BenchContext,
) {
  const rate = size.surgeRates.includes(GOAL_RATE_PER_SECOND)
    ? GOAL_RATE_PER_SECOND
    : size.surgeRates[0];
  const series: ChartSeries[] = measured.flatMap((runs) => {
    const run = runs.withDesk.find((r) => r.ratePerSecond === rate);
    if (!run) return [];
    return [
      {
        key: runs.engine,
        label: ENGINE_LABELS[runs.engine],
        points: run.series,
        lastUploadAnsweredS: run.lastUploadSeconds,
        processedS: run.processedSeconds,
      },
    ];
  });
  const { machine } = ctx;
  const loadAverages = measured.map((runs) => runs.loadAverageAtStart.toFixed(1)).join(' / ');
  const svg = surgeChartSvg({
    title: `Online check-out and check-in p99 through the morning-after surge, ${rate} requests/s`,
    subtitle: `${size.surge.workstations} workstations × ${size.surge.transactionsPerWorkstation.toLocaleString('en')} offline transactions sent at once · ${machine.cores} cores, Node ${machine.node}, commit ${machine.gitCommit.slice(0, 7)}, ${machine.date.slice(0, 10)}, load average ${loadAverages}`,
    goalMs: GOAL_SURGE_P99_MS,
    series,
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
}

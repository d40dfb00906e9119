// Online check-out under load (issue 5, item 2): the real server in a child process on the demo
// library, autocannon checking items out and back in over HTTP with 1, 10 and 100 connections,
// beside the same server's cheapest authenticated request (GET /api/session) as the floor.
import { loadavg } from 'node:os';
import type { Engine } from '../../src/server/db/connect.ts';
import type { BenchContext, BenchModule, BenchResult } from '../support/types.ts';
import { startBenchServer } from './benchServer.ts';
import {
  ratio,
  runCirculationLoad,
  runSessionLoad,
  shelfOf,
  type LoadFigures,
} from './circulationLoad.ts';
import { lendablePool, type LendablePool } from './demoPools.ts';
import { signInDesks } from './deskSessions.ts';

const CONNECTIONS = [1, 10, 100] as const;
const DURATION_SECONDS = 10;
const SMOKE_CONNECTIONS = [1, 2] as const;
const SMOKE_DURATION_SECONDS = 1;
const GOAL_P99_MS = 25;
const GOAL_THROUGHPUT_SHARE = 0.25;

export const checkoutLoad: BenchModule = {
  name: 'online-checkout-load',
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const engine of ctx.engines) results.push(await runOnEngine(engine, ctx));
    return results;
  },
};

async function runOnEngine(engine: Engine, ctx: BenchContext): Promise<BenchResult> {
  const connections = ctx.smoke ? SMOKE_CONNECTIONS : CONNECTIONS;
  const durationSeconds = ctx.smoke ? SMOKE_DURATION_SECONDS : DURATION_SECONDS;
  const loadAtStart = loadavg()[0] ?? 0;
  let pool: LendablePool | undefined;
  const server = await startBenchServer({
    engine,
    postgresUrl: ctx.postgresUrl,
    prepare: async (db) => {
      pool = await lendablePool(db);
    },
  });
  const rounds: Array<{ floor: LoadFigures; circulation: LoadFigures }> = [];
  try {
    const desks = await signInDesks(server.url, Math.max(...connections), 'BENCH-DESK');
    const shelf = shelfOf(pool!);
    for (const count of connections) {
      const common = { url: server.url, desks, connections: count, durationSeconds };
      const floor = await runSessionLoad(common);
      const circulation = await runCirculationLoad({ ...common, shelf });
      rounds.push({ floor, circulation });
    }
  } finally {
    await server.dispose();
  }

  const figures: Record<string, number> = {};
  const baseline: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const { floor, circulation } of rounds) {
    const c = `c${circulation.connections}`;
    Object.assign(figures, {
      [`${c}_reqPerSec`]: circulation.requestsPerSecond,
      [`${c}_p50Ms`]: circulation.p50Ms,
      [`${c}_p99Ms`]: circulation.p99Ms,
      [`${c}_checkOuts`]: circulation.checkOuts,
      [`${c}_failures`]: circulation.failures,
    });
    Object.assign(baseline, {
      [`${c}_reqPerSec`]: floor.requestsPerSecond,
      [`${c}_p50Ms`]: floor.p50Ms,
      [`${c}_p99Ms`]: floor.p99Ms,
      [`${c}_failures`]: floor.failures,
    });
    Object.assign(ratios, {
      [`${c}_reqPerSec`]: ratio(circulation.requestsPerSecond, floor.requestsPerSecond),
      [`${c}_p99Ms`]: ratio(circulation.p99Ms, floor.p99Ms),
    });
  }
  const failures = rounds.flatMap((r) => [
    ...r.floor.failureSamples,
    ...r.circulation.failureSamples,
  ]);
  // The goal is judged at the most connections (100; the smoke run's 2 only exercise the code).
  const atGoal = rounds.at(-1)!;
  const notes = [
    'Requests alternate check-out (POST /api/checkouts) and check-in of the same item (POST /api/checkins);',
    `${durationSeconds} s per connection count, one desk session per connection, server in a child process at LOG_LEVEL=info.`,
    `Load average when it started: ${loadAtStart.toFixed(2)}.`,
    ...(failures.length > 0 ? [`Failed answers: ${failures.join(' | ')}`] : []),
  ].join(' ');
  return {
    name: 'online-checkout-load',
    engine,
    figures,
    baseline: { name: 'GET /api/session (cheapest authenticated route)', figures: baseline },
    ratios,
    goal: {
      text: `p99 < ${GOAL_P99_MS} ms at ${atGoal.circulation.connections} connections, throughput ≥ ${GOAL_THROUGHPUT_SHARE} × the floor's, no failed request`,
      met:
        atGoal.circulation.p99Ms < GOAL_P99_MS &&
        atGoal.circulation.requestsPerSecond >=
          GOAL_THROUGHPUT_SHARE * atGoal.floor.requestsPerSecond &&
        rounds.every((r) => r.circulation.failures === 0 && r.floor.failures === 0),
    },
    notes,
  };
}

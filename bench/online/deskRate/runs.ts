// The three runs of the desk-rate benchmark, each against a fresh server of its own (so the surge
// always meets the same database): the desk alone at each rate beside the floor, the surge alone,
// and the surge with the desk lending at a fixed rate from before the uploads until after the end.
import type { Engine } from '../../../src/server/db/connect.ts';
import { startBenchServer, type BenchServer } from '../benchServer.ts';
import { shelfOf } from '../shelf.ts';
import { lendablePool, type LendablePool } from '../demoPools.ts';
import { signInDesks } from '../deskSessions.ts';
import {
  perSecondSeries,
  summarizeLatencies,
  type DeskSample,
  type LatencySummary,
  type SeriesPoint,
} from './latencies.ts';
import { runOpenLoopDesk, sleep, startOpenLoopDesk } from './openLoopDesk.ts';
import {
  prepareSurge,
  sendSurge,
  setCheck,
  type SetCheck,
  type SurgeSize,
  type SurgeTimes,
} from './surge.ts';

/**
 * Items and patrons kept for the online desks; the offline workstations never touch them. A check-out
 * that times out leaves its item in doubt (on loan or not), so it never returns to the shelf: at
 * 200 a second, a server that stops answering for 10 s keeps 2,000 items; the shelf must outlast that.
 */
const ONLINE_ITEMS = 6_000;
const ONLINE_PATRONS = 200;

export interface DeskRateSize {
  /** Signed-in desks, one keep-alive connection each (100 a second is about 200 busy desks). */
  desks: number;
  /** Rates of the desk alone, and of the desk through the surge (requests a second). */
  aloneRates: readonly number[];
  surgeRates: readonly number[];
  /** Every desk run starts with this long unmeasured at its rate (connections, JIT, caches). */
  warmUpSeconds: number;
  /** Measured per rate of the desk alone (and of the floor). */
  aloneSeconds: number;
  /** The desk runs alone this long before the uploads, and this long after all is processed. */
  leadInSeconds: number;
  tailSeconds: number;
  surge: SurgeSize;
}

export interface ServerProps {
  engine: Engine;
  postgresUrl?: string | undefined;
}

/** The desk alone at one rate, and the floor (GET /api/session) at the same rate. */
export interface AloneRun {
  ratePerSecond: number;
  desk: LatencySummary;
  floor: LatencySummary;
  failureSamples: string[];
}

export interface SurgeAloneRun {
  lastUploadSeconds: number;
  processedSeconds: number;
  check: SetCheck;
  uploadFailures: string[];
}

export interface SurgeWithDeskRun extends SurgeAloneRun {
  ratePerSecond: number;
  /** The requests due from the first upload until nothing was pending. */
  during: LatencySummary;
  /** Per second, from the end of the warm-up to the end of the tail, by due time. */
  series: SeriesPoint[];
  failureSamples: string[];
}

export async function runDeskAlone(props: ServerProps, size: DeskRateSize): Promise<AloneRun[]> {
  return withServer(props, async (server, online) => {
    const desks = await signInDesks(server.url, size.desks, 'ONLINE-DESK');
    const shelf = shelfOf(online);
    const runs: AloneRun[] = [];
    for (const ratePerSecond of size.aloneRates) {
      const common = {
        url: server.url,
        desks,
        shelf,
        ratePerSecond,
        warmUpSeconds: size.warmUpSeconds,
        seconds: size.aloneSeconds,
      };
      const floor = await runOpenLoopDesk({ ...common, traffic: 'session' });
      const desk = await runOpenLoopDesk({ ...common, traffic: 'circulation' });
      const window = {
        fromMs: size.warmUpSeconds * 1000,
        toMs: (size.warmUpSeconds + size.aloneSeconds) * 1000,
      };
      runs.push({
        ratePerSecond,
        desk: summarizeLatencies(desk, window),
        floor: summarizeLatencies(floor, window),
        failureSamples: failuresOf([...floor, ...desk]),
      });
    }
    return runs;
  });
}

export async function runSurgeAlone(
  props: ServerProps,
  size: DeskRateSize,
): Promise<SurgeAloneRun> {
  return withServer(props, async (server, _online, offline) => {
    const surge = await prepareSurge(server.url, offline, size.surge);
    const times = await sendSurge(server, surge);
    return surgeFigures(times, await setCheck(server, surge.sent));
  });
}

export async function runSurgeWithDesk(
  props: ServerProps,
  size: DeskRateSize,
  ratePerSecond: number,
): Promise<SurgeWithDeskRun> {
  return withServer(props, async (server, online, offline) => {
    const surge = await prepareSurge(server.url, offline, size.surge);
    const desks = await signInDesks(server.url, size.desks, 'ONLINE-DESK');
    const desk = startOpenLoopDesk({
      url: server.url,
      desks,
      shelf: shelfOf(online),
      ratePerSecond,
      traffic: 'circulation',
    });
    let samples: DeskSample[];
    let times: SurgeTimes;
    try {
      await sleep((size.warmUpSeconds + size.leadInSeconds) * 1000);
      times = await sendSurge(server, surge);
      await sleep(size.tailSeconds * 1000);
    } finally {
      samples = await desk.stop();
    }
    const sinceDesk = (at: number) => at - desk.startedAt;
    const uploadsStartMs = sinceDesk(times.uploadsStartedAt);
    const measured = samples.filter((s) => s.dueMs >= size.warmUpSeconds * 1000);
    return {
      ...surgeFigures(times, await setCheck(server, surge.sent)),
      ratePerSecond,
      during: summarizeLatencies(samples, {
        fromMs: uploadsStartMs,
        toMs: sinceDesk(times.processedAt),
      }),
      series: perSecondSeries(measured, uploadsStartMs),
      failureSamples: failuresOf(samples),
    };
  });
}

function surgeFigures(times: SurgeTimes, check: SetCheck): SurgeAloneRun {
  return {
    lastUploadSeconds: secondsBetween(times.uploadsStartedAt, times.lastUploadAnsweredAt),
    processedSeconds: secondsBetween(times.uploadsStartedAt, times.processedAt),
    check,
    uploadFailures: times.uploadFailures,
  };
}

/** A fresh server on the demo library; its lendable items and patrons split desk | workstations. */
async function withServer<T>(
  props: ServerProps,
  body: (server: BenchServer, online: LendablePool, offline: LendablePool) => Promise<T>,
): Promise<T> {
  let pool: LendablePool | undefined;
  const server = await startBenchServer({
    engine: props.engine,
    postgresUrl: props.postgresUrl,
    prepare: async (db) => {
      pool = await lendablePool(db);
    },
  });
  try {
    const online = {
      items: pool!.items.slice(0, ONLINE_ITEMS),
      patrons: pool!.patrons.slice(0, ONLINE_PATRONS),
    };
    const offline = {
      items: pool!.items.slice(ONLINE_ITEMS),
      patrons: pool!.patrons.slice(ONLINE_PATRONS),
    };
    return await body(server, online, offline);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nThe server printed:\n${server.output().slice(-2000)}`,
      {
        cause: error,
      },
    );
  } finally {
    await server.dispose();
  }
}

/** The first few different failures, to explain a run that had any. */
function failuresOf(samples: readonly DeskSample[]): string[] {
  const different = new Set(samples.flatMap((s) => (s.failure === undefined ? [] : [s.failure])));
  return [...different].slice(0, 5);
}

function secondsBetween(from: number, to: number): number {
  return Math.round(to - from) / 1000;
}

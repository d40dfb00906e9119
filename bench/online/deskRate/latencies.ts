// What a desk waited, from each request's intended send time: percentiles over a window of the
// run, and the per-second series the chart draws through the surge.
import { percentile } from '../../support/stats.ts';

export type DeskRequestKind = 'check-out' | 'check-in' | 'session';

/**
 * A request not answered this long after it went out has failed. A failed request counts in the
 * percentiles as a wait of at least this long: the librarian has to try again, and a quick error
 * (say, a 500 at once) must not make a desk that fails look fast.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/** One request of an open-loop desk, timed from when it was due, not from when it went out. */
export interface DeskSample {
  kind: DeskRequestKind;
  /** When it was due, in ms after the desk started. */
  dueMs: number;
  /** Answer (or failure) time − due time. */
  latencyMs: number;
  /** Why it failed (non-2xx, connection error, timeout); absent when it succeeded. */
  failure?: string;
}

export interface LatencySummary {
  requests: number;
  failed: number;
  /** Of the failed: not answered within REQUEST_TIMEOUT_MS. */
  timedOut: number;
  /** Requests due in the window ÷ the window's length. */
  achievedPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The samples due in [fromMs, toMs), summarised; waits to the microsecond. */
export function summarizeLatencies(
  samples: readonly DeskSample[],
  window: { fromMs: number; toMs: number },
): LatencySummary {
  const inWindow = samples.filter((s) => s.dueMs >= window.fromMs && s.dueMs < window.toMs);
  const sorted = inWindow.map(waitOf).toSorted((a, b) => a - b);
  const seconds = (window.toMs - window.fromMs) / 1000;
  return {
    requests: inWindow.length,
    failed: inWindow.filter((s) => s.failure !== undefined).length,
    timedOut: inWindow.filter((s) => s.failure !== undefined && s.latencyMs >= REQUEST_TIMEOUT_MS)
      .length,
    achievedPerSecond: seconds > 0 ? roundTo(inWindow.length / seconds, 2) : Number.NaN,
    p50Ms: toMicroseconds(percentile(sorted, 50)),
    p95Ms: toMicroseconds(percentile(sorted, 95)),
    p99Ms: toMicroseconds(percentile(sorted, 99)),
    maxMs: toMicroseconds(sorted.at(-1) ?? Number.NaN),
  };
}

/** One second of the run: the requests due in it, how many failed, and their p99. */
export interface SeriesPoint {
  /** Whole seconds after the origin (negative before it). */
  second: number;
  requests: number;
  failed: number;
  p99Ms: number;
}

/** Per-second p99 by due time, seconds counted from `originMs` (e.g. when the uploads started). */
export function perSecondSeries(samples: readonly DeskSample[], originMs: number): SeriesPoint[] {
  const bySecond = new Map<number, DeskSample[]>();
  for (const sample of samples) {
    const second = Math.floor((sample.dueMs - originMs) / 1000);
    const bucket = bySecond.get(second);
    if (bucket) bucket.push(sample);
    else bySecond.set(second, [sample]);
  }
  return [...bySecond.entries()]
    .toSorted(([a], [b]) => a - b)
    .map(([second, bucket]) => ({
      second,
      requests: bucket.length,
      failed: bucket.filter((s) => s.failure !== undefined).length,
      p99Ms: toMicroseconds(
        percentile(
          bucket.map(waitOf).toSorted((a, b) => a - b),
          99,
        ),
      ),
    }));
}

/** What the librarian waited: a failed request at least the time-out. */
function waitOf(sample: DeskSample): number {
  return sample.failure === undefined
    ? sample.latencyMs
    : Math.max(sample.latencyMs, REQUEST_TIMEOUT_MS);
}

function toMicroseconds(ms: number): number {
  return roundTo(ms, 3);
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

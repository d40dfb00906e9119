import { describe, expect, it } from 'vitest';
import { perSecondSeries, summarizeLatencies, type DeskSample } from './latencies.ts';

const sample = (dueMs: number, latencyMs: number, failure?: string): DeskSample =>
  failure === undefined
    ? { kind: 'check-out', dueMs, latencyMs }
    : { kind: 'check-out', dueMs, latencyMs, failure };

describe('desk latencies from intended send times', () => {
  it('summarises the samples due in the window, to the microsecond', () => {
    const samples = [
      sample(-5, 900), // before the window: left out
      ...Array.from({ length: 100 }, (_, i) => sample(i * 10, (i + 1) * 0.1234567)),
      sample(1000, 900), // at the window's end: left out
    ];
    const summary = summarizeLatencies(samples, { fromMs: 0, toMs: 1000 });
    expect(summary).toEqual({
      requests: 100,
      failed: 0,
      timedOut: 0,
      achievedPerSecond: 100,
      p50Ms: 6.173,
      p95Ms: 11.728,
      p99Ms: 12.222,
      maxMs: 12.346,
    });
  });

  it('counts failures, a quick one as a wait of at least the time-out, and tells time-outs apart', () => {
    const samples = [
      sample(0, 1),
      sample(10, 2, 'check-out: 500 {}'),
      sample(20, 10_003, 'check-in: no answer within 10000 ms'),
    ];
    const summary = summarizeLatencies(samples, { fromMs: 0, toMs: 500 });
    expect(summary).toMatchObject({ failed: 2, timedOut: 1, achievedPerSecond: 6 });
    // Nearest rank: p50 is the second of three, the quick 500, counted as 10 s.
    expect(summary.p50Ms).toBe(10_000);
    expect(summary.maxMs).toBe(10_003);
  });

  it('gives NaN percentiles for a window with no request', () => {
    const summary = summarizeLatencies([sample(0, 1)], { fromMs: 100, toMs: 200 });
    expect(summary.requests).toBe(0);
    expect(summary.p99Ms).toBeNaN();
  });

  it('groups by the second each request was due, counted from the origin', () => {
    const samples = [
      sample(1_500, 3),
      sample(1_999, 5),
      sample(2_000, 400, 'check-in: 500'),
      sample(4_200, 1),
      sample(2_999.9, 7),
    ];
    expect(perSecondSeries(samples, 2_000)).toEqual([
      { second: -1, requests: 2, failed: 0, p99Ms: 5 },
      { second: 0, requests: 2, failed: 1, p99Ms: 10_000 },
      { second: 2, requests: 1, failed: 0, p99Ms: 1 },
    ]);
  });
});

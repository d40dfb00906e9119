// Summaries of timing samples for the offline client benchmarks.

/** Nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = samples.toSorted((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Rounded to 0.01 ms: the browser's clock is no finer than that. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export interface TimingSummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function summarize(samples: readonly number[]): TimingSummary {
  return {
    count: samples.length,
    p50Ms: roundMs(percentile(samples, 50)),
    p95Ms: roundMs(percentile(samples, 95)),
    maxMs: roundMs(Math.max(...samples)),
  };
}

/** a / b to two decimals, for the ratio columns. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : Math.round((a / b) * 100) / 100;
}

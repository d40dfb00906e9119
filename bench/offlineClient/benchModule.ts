// The shape of a benchmark module as the bench harness runs it (bench/run.ts), plus what the
// offline client benchmarks read from the context. Structural, so the harness and these modules
// agree without one importing the other's internals.

export interface OfflineBenchContext {
  /** Tiny sizes, for the smoke test that keeps the benchmark from rotting. */
  smoke: boolean;
  /** A build to serve instead of building the current source (the smoke test passes its own). */
  distDir?: string;
}

export interface OfflineBenchResult {
  name: string;
  engine: string;
  figures: Record<string, number>;
  baseline: { name: string; figures: Record<string, number> };
  ratios: Record<string, number>;
  goal?: { text: string; met: boolean };
  notes?: string;
}

export interface OfflineBenchModule {
  name: string;
  run(ctx: OfflineBenchContext): Promise<OfflineBenchResult[]>;
}

// What the offline client benchmarks read from the harness's context (bench/support/types.ts):
// the smoke flag, and a build to serve, which the smoke test passes so it does not build again.
import type { BenchContext, BenchResult } from '../support/types.ts';

export type OfflineBenchContext = Pick<BenchContext, 'smoke'> & {
  /** A build to serve instead of building the current source (the smoke test passes its own). */
  distDir?: string;
};

export type OfflineBenchResult = BenchResult;

export interface OfflineBenchModule {
  name: string;
  run(ctx: OfflineBenchContext): Promise<OfflineBenchResult[]>;
}

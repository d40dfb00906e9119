// The shape of a benchmark module as the bench harness (bench/run.ts) runs it, as the online
// benchmarks need it. Structural, so the harness and these modules agree without importing each
// other's internals.
import type { Engine } from '../../src/server/db/connect.ts';

export interface OnlineBenchContext {
  /** Tiny sizes, for the smoke test that keeps the benchmark from rotting. */
  smoke: boolean;
  /** The engines to run on: SQLite always, PostgreSQL when DATABASE_URL is set. */
  engines?: readonly Engine[];
  /** The PostgreSQL server to create throw-away databases on (DATABASE_URL by default). */
  postgresUrl?: string;
}

export interface OnlineBenchResult {
  name: string;
  engine: string;
  figures: Record<string, number>;
  baseline: { name: string; figures: Record<string, number> };
  ratios: Record<string, number>;
  goal?: { text: string; met: boolean };
  notes?: string;
}

export interface OnlineBenchModule {
  name: string;
  run(ctx: OnlineBenchContext): Promise<OnlineBenchResult[]>;
}

/** The engines a run covers: the context's, else SQLite plus PostgreSQL when DATABASE_URL is set. */
export function enginesOf(ctx: OnlineBenchContext): Engine[] {
  if (ctx.engines) return [...ctx.engines];
  return process.env['DATABASE_URL']?.startsWith('postgres') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export function postgresUrlOf(ctx: OnlineBenchContext): string | undefined {
  return ctx.postgresUrl ?? process.env['DATABASE_URL'];
}

/** a / b to two decimals, for the ratio columns; NaN when b is 0. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : Math.round((a / b) * 100) / 100;
}

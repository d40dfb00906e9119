// The contract between the bench harness (bench/run.ts) and every benchmark module: what a module
// receives, and what it must hand back for the table and bench/results/latest.json.
import type { Engine } from '../../src/server/db/connect.ts';
import type { MachineInfo } from './machine.ts';

export interface BenchContext {
  /** Tiny sizes: the smoke tests and `npm run bench -- --smoke`. Figures are then not meaningful. */
  smoke: boolean;
  /** The database engines to measure: SQLite always, PostgreSQL when DATABASE_URL is postgres://…. */
  engines: readonly Engine[];
  /** The PostgreSQL server a module may create throw-away schemas or databases on. */
  postgresUrl?: string;
  /** The machine the figures come from (also written beside them in latest.json). */
  machine: MachineInfo;
}

/** One measured thing on one engine, beside its baseline measured in the same run. */
export interface BenchResult {
  /** Stable name of the benchmark, used with the engine as the key in latest.json. */
  name: string;
  /** 'sqlite', 'postgres', or 'browser' (any non-empty name is accepted, e.g. 'chromium'). */
  engine: string;
  /** The measurements; the key carries the unit (txPerSec, p99Ms, jsGzipBytes). */
  figures: Record<string, number>;
  /** What the figures are judged against, measured in the same run on the same machine. */
  baseline: { name: string; figures: Record<string, number> };
  /** figure ÷ baseline (or the other way round when named so), keyed like the figure it explains. */
  ratios: Record<string, number>;
  /** The goal from the issue, in words, and whether this run met it. */
  goal?: { text: string; met: boolean };
  /** Anything a reader needs to interpret the figures (sample sizes, what was left out). */
  notes?: string;
}

export interface BenchModule {
  /** Matched by `--only` case-insensitively, spaces and dashes alike. */
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

// What the benchmarks that compare two requests in the same run share: one run per engine, the
// warm-up and timed rounds that alternate which side goes first, and the rounded median and p95.
import type { Engine } from '../../src/server/db/connect.ts';
import { percentile } from './stats.ts';
import type { BenchContext, BenchModule, BenchResult } from './types.ts';

/** A benchmark module that measures each engine of the context in turn. */
export function eachEngine(
  name: string,
  runOnEngine: (engine: Engine, ctx: BenchContext) => Promise<BenchResult>,
): BenchModule {
  return {
    name,
    async run(ctx) {
      const results: BenchResult[] = [];
      for (const engine of ctx.engines) results.push(await runOnEngine(engine, ctx));
      return results;
    },
  };
}

/**
 * `warmUp` untimed rounds, then `samples` timed ones. Each round gets both sides, the first going
 * first on even rounds and the second on odd ones, so neither always meets the other's
 * after-effects.
 */
export async function alternatingRounds<Side>(
  rounds: { warmUp: number; samples: number },
  sides: readonly [Side, Side],
  playRound: (order: readonly [Side, Side], timed: boolean, turn: number) => Promise<void>,
): Promise<void> {
  const reversed = [sides[1], sides[0]] as const;
  for (let turn = 0; turn < rounds.warmUp + rounds.samples; turn++) {
    await playRound(turn % 2 === 0 ? sides : reversed, turn >= rounds.warmUp, turn);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function median(values: number[]): number {
  return round(
    percentile(
      values.toSorted((a, b) => a - b),
      50,
    ),
  );
}

export function p95(values: number[]): number {
  return round(
    percentile(
      values.toSorted((a, b) => a - b),
      95,
    ),
  );
}

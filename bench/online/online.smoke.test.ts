// Smoke runs of the online benchmarks (tiny sizes), so they cannot rot: each must finish on every
// test engine with figures of the right shape and sane values. Timings are not judged here.
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import type { BenchResult } from '../support/types.ts';
import { largePatron } from './largePatron.ts';

const SMOKE_TIMEOUT_MS = 120_000;
const ctx = {
  smoke: true,
  engines: TEST_ENGINES,
  postgresUrl: TEST_POSTGRES_URL,
  machine: describeMachine(),
};

function expectShape(results: BenchResult[], name: string) {
  expect(results.map((r) => r.engine)).toEqual(TEST_ENGINES);
  for (const result of results) {
    expect(result.name).toBe(name);
    expect(result.baseline.name).not.toBe('');
    expect(typeof result.goal?.met).toBe('boolean');
    for (const value of [
      ...Object.values(result.figures),
      ...Object.values(result.baseline.figures),
      ...Object.values(result.ratios),
    ]) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
  }
}

describe('online benchmarks, smoke size', () => {
  it(
    'large-patron times check-out and look-up for both patrons',
    async () => {
      const results = await largePatron.run(ctx);
      expectShape(results, 'large-patron');
      for (const { figures, baseline, ratios } of results) {
        expect(figures.loans).toBeGreaterThan(baseline.figures.loans!);
        for (const f of [figures, baseline.figures]) {
          expect(f.checkOutMedianMs).toBeGreaterThan(0);
          expect(f.lookupMedianMs).toBeGreaterThan(0);
        }
        expect(Object.keys(ratios).toSorted()).toEqual(['checkOutMedian', 'lookupMedian']);
      }
    },
    SMOKE_TIMEOUT_MS,
  );
});

// Smoke run of the renew-all benchmark (tiny sizes), so it cannot rot: it must finish on every test
// engine, every loan renewed each round, with figures of the right shape. Timings are not judged.
import { expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { renewAllBenchmark } from './renewAll.ts';

const SMOKE_TIMEOUT_MS = 120_000;

it(
  'renew-all times "Renew all" and one renewal on every engine',
  async () => {
    const results = await renewAllBenchmark.run({
      smoke: true,
      engines: TEST_ENGINES,
      postgresUrl: TEST_POSTGRES_URL,
      machine: describeMachine(),
    });
    expect(results.map((r) => r.engine)).toEqual(TEST_ENGINES);
    for (const { name, figures, baseline, ratios, goal } of results) {
      expect(name).toBe('renew-all');
      expect(figures.loans).toBeGreaterThan(baseline.figures.loans!);
      expect(figures.renewAllMedianMs).toBeGreaterThan(0);
      expect(baseline.figures.renewOneMedianMs).toBeGreaterThan(0);
      expect(Number.isFinite(ratios.renewAllMedian)).toBe(true);
      expect(typeof goal?.met).toBe('boolean');
    }
  },
  SMOKE_TIMEOUT_MS,
);

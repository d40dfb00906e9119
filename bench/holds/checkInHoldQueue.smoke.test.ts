// The hold-queue check-in benchmark at smoke size, so it cannot rot: it finishes on every test
// engine, traps a hold on every queued check-in, and reports figures of the right shape. Timings
// are not judged here.
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { checkInHoldQueue } from './checkInHoldQueue.ts';

const SMOKE_TIMEOUT_MS = 120_000;

describe('check-in hold queue benchmark, smoke size', () => {
  it(
    'times check-ins with and without a hold queue on every engine',
    async () => {
      const results = await checkInHoldQueue.run({
        smoke: true,
        engines: TEST_ENGINES,
        postgresUrl: TEST_POSTGRES_URL,
        machine: describeMachine(),
      });
      expect(results.map((result) => result.engine)).toEqual(TEST_ENGINES);
      for (const { name, figures, baseline, ratios, goal } of results) {
        expect(name).toBe('check-in-hold-queue');
        expect(figures.queueDepth).toBeGreaterThan(0);
        expect(baseline.figures.queueDepth).toBe(0);
        expect(figures.medianMs).toBeGreaterThan(0);
        expect(baseline.figures.medianMs).toBeGreaterThan(0);
        expect(Number.isFinite(ratios.medianMs)).toBe(true);
        expect(typeof goal?.met).toBe('boolean');
      }
    },
    SMOKE_TIMEOUT_MS,
  );
});

// The mixed load test at a size for every test run (issue 6, "Load"): 10 workstations send 200
// offline transactions each at once while 5 desks lend online, against the real server on each
// engine. Every transaction must be stored exactly once and processed, and no request may fail.
// The full size (50 × 2,000 with 20 desks) and its timings are the mixed-load benchmark.
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { mixedLoad, runMixedLoad } from './mixedLoad.ts';

const TIMEOUT_MS = 180_000;

describe.each(TEST_ENGINES)('mixed load [%s]', (engine) => {
  it(
    'stores every offline transaction exactly once while desks lend online, with no failed request',
    async () => {
      const outcome = await runMixedLoad({
        engine,
        postgresUrl: TEST_POSTGRES_URL,
        size: {
          workstations: 10,
          transactionsPerWorkstation: 200,
          onlineClients: 5,
          onlineSeconds: 2,
        },
      });
      expect(outcome.uploadFailureSamples).toEqual([]);
      expect(outcome.failedUploads).toBe(0);
      expect(outcome).toMatchObject({
        sent: 2_000,
        storedRows: 2_000,
        storedIds: 2_000,
        missing: 0,
        duplicated: 0,
        unexpected: 0,
        pending: 0,
      });
      // Processed to an outcome: every stored row has left 'pending'.
      expect(Object.values(outcome.statuses).reduce((a, b) => a + b, 0)).toBe(2_000);
      expect(outcome.statuses['pending']).toBeUndefined();
      for (const desks of [outcome.alone, outcome.underLoad]) {
        expect(desks.failureSamples).toEqual([]);
        expect(desks.failures).toBe(0);
        expect(desks.checkOuts).toBeGreaterThan(0);
      }
    },
    TIMEOUT_MS,
  );
});

describe('mixed-load benchmark module', () => {
  it(
    'reports the set check and the desks’ latencies in the benchmark shape',
    async () => {
      const [result] = await mixedLoad.run({
        smoke: true,
        engines: ['sqlite'],
        machine: describeMachine(),
      });
      expect(result?.goal?.met).toBe(true);
      expect(result?.figures).toMatchObject({
        sent: 200,
        storedIds: 200,
        missing: 0,
        duplicated: 0,
      });
      expect(result?.figures.onlineP99Ms).toBeGreaterThan(0);
      expect(result?.baseline.figures.onlineP99Ms).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});

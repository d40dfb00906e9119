// The desk-rate benchmark at a size for every test run, on each engine: the desk alone at 20
// requests a second for 1.5 s beside the floor, and a surge of 5 workstations × 100 offline
// transactions with the desk at 20 a second. It asserts counts (no failed request, every
// transaction stored once and processed) and the chart's shape, never timings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { unclosedTags } from '../support/wellFormed.ts';
import {
  DESK_RATE_NAME,
  DESK_RATE_SURGE_NAME,
  deskRateBenchmark,
  SMOKE_SIZE,
} from './deskRate/deskRate.ts';

const TIMEOUT_MS = 180_000;
const chartDir = mkdtempSync(join(tmpdir(), 'circa-desk-rate-'));
const chartPath = join(chartDir, 'online-p99-through-surge.svg');
afterAll(() => rmSync(chartDir, { recursive: true, force: true }));

// The compiled servers read the surge's outboxes on an upload thread, as a server with cores to
// spare does (a 2-core one, like the test machines, reads them on the event loop by default), so
// every run tries the built thread file as production loads it.
const threadsBefore = process.env['OFFLINE_UPLOAD_THREADS'];
process.env['OFFLINE_UPLOAD_THREADS'] = '1';
afterAll(() => {
  if (threadsBefore === undefined) delete process.env['OFFLINE_UPLOAD_THREADS'];
  else process.env['OFFLINE_UPLOAD_THREADS'] = threadsBefore;
});

describe('online-desk-rate, smoke size', () => {
  it(
    'lends at a fixed rate alone and through a surge with no failed request, stores every offline transaction once, and draws the chart',
    async () => {
      const results = await deskRateBenchmark({ chartPath: () => chartPath }).run({
        smoke: true,
        engines: TEST_ENGINES,
        postgresUrl: TEST_POSTGRES_URL,
        machine: describeMachine(),
      });
      const sent = SMOKE_SIZE.surge.workstations * SMOKE_SIZE.surge.transactionsPerWorkstation;
      expect(results.map((r) => [r.name, r.engine])).toEqual(
        TEST_ENGINES.flatMap((engine) => [
          [DESK_RATE_NAME, engine],
          [DESK_RATE_SURGE_NAME, engine],
        ]),
      );
      for (const { notes } of results) {
        expect(notes).not.toContain('Problems:');
        expect(notes).not.toContain('Failed:');
      }
      const alone = results.filter((r) => r.name === DESK_RATE_NAME);
      for (const f of alone.flatMap((r) => [r.figures, r.baseline.figures])) {
        expect(f.r20_failed).toBe(0);
        expect(f.r20_achievedPerSec).toBeGreaterThan(10);
        expect(f.r20_p99Ms).toBeGreaterThanOrEqual(f.r20_p50Ms!);
      }
      const surges = results.filter((r) => r.name === DESK_RATE_SURGE_NAME);
      for (const { figures, baseline } of surges) {
        expect(figures).toMatchObject({
          surgeTransactions: sent,
          aloneStoredIds: sent,
          aloneMissing: 0,
          aloneDuplicated: 0,
          aloneUnexpected: 0,
          alonePending: 0,
          aloneFailedUploads: 0,
          r20_storedIds: sent,
          r20_missing: 0,
          r20_duplicated: 0,
          r20_unexpected: 0,
          r20_pending: 0,
          r20_failedUploads: 0,
          r20_failed: 0,
        });
        expect(figures.r20_processedSeconds).toBeGreaterThanOrEqual(figures.r20_lastUploadSeconds!);
        expect(baseline.figures.r20_processedSeconds).toBeGreaterThan(0);
      }

      const svg = readFileSync(chartPath, 'utf8');
      expect(unclosedTags(svg)).toEqual([]);
      const drawn = [...svg.matchAll(/<polyline data-series="([a-z]+)"/g)].map((m) => m[1]);
      expect(drawn).toEqual(TEST_ENGINES);
    },
    TIMEOUT_MS,
  );
});

// The offline processing benchmarks at smoke size on every test engine, so they cannot rot: the
// workload keeps its mix, Circa's path stores and processes every transaction exactly once, the
// floor writes the same loans, the replay goes through the real server, and every figure is sane;
// the same for the whole-desk mix (check-ins catching holds, renewals, registrations).
// Timings are not judged here (that is what `npm run bench` is for).
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { resultProblems } from '../support/results.ts';
import type { BenchResult } from '../support/types.ts';
import { offlineProcessingMillion } from './million.ts';
import { offlineProcessing, SMOKE_SIZE } from './offlineProcessing.ts';
import { offlineProcessingDesk } from './offlineProcessingDesk.ts';
import { kindOf } from './workload.ts';

const ctx = {
  smoke: true,
  engines: TEST_ENGINES,
  postgresUrl: TEST_POSTGRES_URL,
  machine: describeMachine(),
};

function expectSaneFigures(result: BenchResult) {
  expect(resultProblems(result)).toEqual([]);
  for (const value of [
    ...Object.values(result.figures),
    ...Object.values(result.baseline.figures),
    ...Object.values(result.ratios),
  ]) {
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
  }
  expect(typeof result.goal?.met).toBe('boolean');
}

describe('offline processing benchmark, smoke size', () => {
  it('the workload has the issue mix: about 1% unknown barcodes and 5% items already on loan', () => {
    const kinds = { shelf: 0, onLoan: 0, unknown: 0 };
    for (let i = 0; i < 100_000; i++) kinds[kindOf(i)] += 1;
    expect(kinds.unknown / 100_000).toBeCloseTo(0.01, 2);
    expect(kinds.onLoan / 100_000).toBeCloseTo(0.05, 2);
  });

  it('processes every transaction once on each engine, beside the floor and the replay', async () => {
    const results = await offlineProcessing.run(ctx);
    expect(results.map((r) => r.engine)).toEqual(TEST_ENGINES);
    for (const result of results) {
      expectSaneFigures(result);
      const { figures, baseline } = result;
      expect(figures.transactions).toBe(SMOKE_SIZE.transactions);
      expect(
        figures.applied! + figures.appliedWithWarning! + figures.exceptions! + figures.noted!,
      ).toBe(SMOKE_SIZE.transactions);
      // Unknown barcodes become exceptions, nothing else does in this workload.
      expect(figures.exceptions).toBe(
        Array.from({ length: SMOKE_SIZE.transactions }, (_, i) => kindOf(i)).filter(
          (k) => k === 'unknown',
        ).length,
      );
      // Every applied transaction made a loan; the floor wrote exactly those.
      expect(figures.loansWritten).toBe(figures.applied! + figures.appliedWithWarning!);
      expect(baseline.figures.replaySent).toBe(SMOKE_SIZE.transactions / SMOKE_SIZE.replayEvery);
      expect(baseline.figures.replayLent! + baseline.figures.replayRefused!).toBe(
        baseline.figures.replaySent,
      );
      expect(baseline.figures.replayLent).toBeGreaterThan(0);
      for (const key of ['txPerSec', 'receiveTxPerSec', 'processTxPerSec']) {
        expect(figures[key]).toBeGreaterThan(0);
      }
    }
  });

  it('processes the whole-desk mix once on each engine, with holds trapped, transits and new patrons', async () => {
    const results = await offlineProcessingDesk.run(ctx);
    expect(results.map((r) => r.engine)).toEqual(TEST_ENGINES);
    for (const result of results) {
      expectSaneFigures(result);
      const { figures, baseline } = result;
      expect(figures.transactions).toBe(SMOKE_SIZE.transactions);
      expect(
        figures.checkIns! + figures.renewals! + figures.registrations! + figures.checkOuts!,
      ).toBe(SMOKE_SIZE.transactions);
      expect(
        figures.applied! + figures.appliedWithWarning! + figures.exceptions! + figures.noted!,
      ).toBe(SMOKE_SIZE.transactions);
      // Check-ins caught holds, here and at other branches; new cards became patrons.
      expect(figures.holdsChanged).toBeGreaterThan(0);
      expect(figures.transitsStarted).toBeGreaterThan(0);
      expect(figures.patronsCreated).toBeGreaterThan(0);
      expect(figures.patronsCreated).toBeLessThanOrEqual(figures.registrations!);
      expect(figures.loansChanged).toBeGreaterThan(0);
      expect(baseline.figures.replaySent).toBe(SMOKE_SIZE.transactions / SMOKE_SIZE.replayEvery);
      expect(baseline.figures.replayDone! + baseline.figures.replayRefused!).toBe(
        baseline.figures.replaySent,
      );
      expect(baseline.figures.replayCheckIns).toBeGreaterThan(0);
      expect(baseline.figures.replayRegistrations).toBeGreaterThan(0);
      expect(figures.txPerSec).toBeGreaterThan(0);
    }
  });

  it('streams the long run in rounds in a process of its own and samples its memory', async () => {
    const [result] = await offlineProcessingMillion.run(ctx);
    expectSaneFigures(result!);
    const { figures, baseline } = result!;
    expect(result!.engine).toBe('sqlite');
    expect(baseline.figures.transactions).toBeLessThan(figures.transactions!);
    expect(figures.peakRssMiB).toBeGreaterThanOrEqual(baseline.figures.peakRssMiB!);
    expect(figures.maxRssMiB).toBeGreaterThanOrEqual(figures.peakRssMiB! * 0.99);
  });
});

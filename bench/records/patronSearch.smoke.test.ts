// The patron search benchmark at smoke size on every test engine, so it cannot rot: every name
// search finds someone, every card is found by its barcode, and every figure is sane. Timings are
// not judged here (that is what `npm run bench` is for).
import { expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { resultProblems } from '../support/results.ts';
import { patronSearch } from './patronSearch.ts';

it('measures name searches beside barcode look-ups on every engine', async () => {
  const results = await patronSearch.run({
    smoke: true,
    engines: TEST_ENGINES,
    postgresUrl: TEST_POSTGRES_URL,
    machine: describeMachine(),
  });
  expect(results.map((r) => r.engine)).toEqual([...TEST_ENGINES]);
  for (const result of results) {
    expect(resultProblems(result)).toEqual([]);
    expect(result.figures['patrons']).toBe(3_000);
    expect(result.figures['searches']).toBeGreaterThan(0);
    expect(result.figures['p95Ms']).toBeGreaterThanOrEqual(result.figures['p50Ms'] ?? Infinity);
    expect(result.baseline.figures['lookups']).toBe(result.figures['searches']);
  }
}, 120_000);

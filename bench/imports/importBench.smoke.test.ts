// The import benchmark at smoke size on every test engine, so it cannot rot: both files import
// whole through the preview and apply, beside the plain INSERT, and every figure is sane.
// Timings are not judged here (that is what `npm run bench` is for).
import { expect, it } from 'vitest';
import { TEST_ENGINES, TEST_POSTGRES_URL } from '../../src/server/testing/engines.ts';
import { describeMachine } from '../support/machine.ts';
import { resultProblems } from '../support/results.ts';
import { importBenchmark, SMOKE_ROWS } from './importBench.ts';

it('imports patrons from CSV and items from MARC on each engine beside the plain INSERT', async () => {
  const results = await importBenchmark.run({
    smoke: true,
    engines: TEST_ENGINES,
    postgresUrl: TEST_POSTGRES_URL,
    machine: describeMachine(),
  });
  expect(results.map((r) => [r.name, r.engine])).toEqual(
    TEST_ENGINES.flatMap((engine) => [
      ['Import patrons from CSV', engine],
      ['Import items from MARC 21', engine],
    ]),
  );
  for (const result of results) {
    expect(resultProblems(result)).toEqual([]);
    expect(result.figures.rows).toBe(SMOKE_ROWS);
    expect(result.figures.rowsPerSec).toBeGreaterThan(0);
    expect(result.baseline.figures.rowsPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(result.ratios.rowsPerSec)).toBe(true);
    expect(typeof result.goal?.met).toBe('boolean');
  }
});

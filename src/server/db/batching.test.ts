import { expect, it } from 'vitest';
import { chunked, maxBoundParameters, rowsPerStatement } from './batching.ts';

it('fits rows under each engine’s bound-parameter limit', () => {
  expect(rowsPerStatement('sqlite', 7) * 7).toBeLessThanOrEqual(maxBoundParameters('sqlite'));
  expect(rowsPerStatement('sqlite', 7)).toBe(4680);
  expect(rowsPerStatement('postgres', 9)).toBe(7281);
  expect(rowsPerStatement('sqlite', 40_000)).toBe(1);
});

it('slices rows in order, the last slice holding the rest', () => {
  expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunked([], 3)).toEqual([]);
});

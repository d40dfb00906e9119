import { describe, expect, it } from 'vitest';
import { dueAfterMs, dueBy } from './arrivals.ts';

describe('the arrival schedule of an open-loop desk', () => {
  it('spaces requests evenly at the rate, from the start', () => {
    expect([0, 1, 2, 100].map((i) => dueAfterMs(i, 100))).toEqual([0, 10, 20, 1000]);
    expect(dueAfterMs(3, 200)).toBe(15);
  });

  it('counts the requests due by a moment, request 0 at once, none before the start', () => {
    expect(dueBy(-1, 100)).toBe(0);
    expect(dueBy(0, 100)).toBe(1);
    expect(dueBy(9.99, 100)).toBe(1);
    expect(dueBy(10, 100)).toBe(2);
    expect(dueBy(1000, 50)).toBe(51);
  });

  it('agrees with itself: exactly the requests due by a moment have due times at or before it', () => {
    for (const rate of [20, 50, 100, 200]) {
      for (const elapsed of [0, 3, 17.5, 999, 20_000]) {
        const count = dueBy(elapsed, rate);
        expect(dueAfterMs(count - 1, rate)).toBeLessThanOrEqual(elapsed);
        expect(dueAfterMs(count, rate)).toBeGreaterThan(elapsed);
      }
    }
  });

  it('refuses a rate that is not above zero', () => {
    expect(() => dueAfterMs(1, 0)).toThrow('A desk rate must be above 0 a second, not 0.');
  });
});

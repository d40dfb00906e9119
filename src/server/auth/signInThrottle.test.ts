import { describe, expect, it } from 'vitest';
import { PAIR_SCHEDULE, USERNAME_SCHEDULE, waitAfter } from './signInThrottle.ts';

describe('the sign-in wait', () => {
  it('is none for the free attempts, then doubles up to its ceiling', () => {
    const waits = Array.from({ length: 13 }, (_, n) => waitAfter(n, PAIR_SCHEDULE) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(waitAfter(19, USERNAME_SCHEDULE)).toBe(0);
    expect(waitAfter(20, USERNAME_SCHEDULE)).toBe(5_000);
  });

  it('never overflows however many attempts are counted', () => {
    expect(waitAfter(10_000, PAIR_SCHEDULE)).toBe(PAIR_SCHEDULE.longestWaitMs);
  });
});

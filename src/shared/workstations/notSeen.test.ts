import { describe, expect, it } from 'vitest';
import { describeAgo, describeLastSeen, describeSpan, NOT_SEEN_AFTER_DAYS } from './notSeen.ts';

const NOW = Date.UTC(2026, 11, 7, 12);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe('describeSpan', () => {
  it('says a span in the largest whole unit, singular for one', () => {
    expect(describeSpan(59_999)).toBe('less than a minute');
    expect(describeSpan(60_000)).toBe('1 minute');
    expect(describeSpan(2 * HOUR_MS + 59 * 60_000)).toBe('2 hours');
    expect(describeSpan(DAY_MS)).toBe('1 day');
    expect(describeSpan(12 * DAY_MS + 5 * HOUR_MS)).toBe('12 days');
    expect(describeSpan(-5_000)).toBe('less than a minute');
  });
});

describe('describeAgo', () => {
  it('says "just now" for under a minute, even with a clock slightly ahead', () => {
    expect(describeAgo(NOW - 30_000, NOW)).toBe('just now');
    expect(describeAgo(NOW + 30_000, NOW)).toBe('just now');
    expect(describeAgo(NOW - 3 * HOUR_MS, NOW)).toBe('3 hours ago');
  });
});

describe('describeLastSeen', () => {
  it('takes the latest moment seen and highlights only what is older than the limit', () => {
    expect(describeLastSeen([NOW - 5 * DAY_MS, null, NOW - 2 * HOUR_MS], NOW)).toEqual({
      text: '2 hours ago',
      notSeen: false,
    });
    expect(describeLastSeen([NOW - NOT_SEEN_AFTER_DAYS * DAY_MS], NOW)).toEqual({
      text: '7 days ago',
      notSeen: false,
    });
    expect(describeLastSeen([NOW - NOT_SEEN_AFTER_DAYS * DAY_MS - 1], NOW)).toEqual({
      text: 'Not seen for 7 days',
      notSeen: true,
    });
    expect(describeLastSeen([NOW - 12 * DAY_MS, null], NOW)).toEqual({
      text: 'Not seen for 12 days',
      notSeen: true,
    });
  });

  it('calls a workstation never seen when nothing was ever recorded of it', () => {
    expect(describeLastSeen([null, null], NOW)).toEqual({ text: 'Never seen', notSeen: true });
    expect(describeLastSeen([], NOW)).toEqual({ text: 'Never seen', notSeen: true });
  });
});

import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDueDate, formatInstant } from './format.ts';

describe('formatDueDate', () => {
  // 23:59 on 15 December 2026 in Chicago is 05:59 UTC on 16 December.
  const dueInChicago = Date.UTC(2026, 11, 16, 5, 59);

  it("shows the day in the lending branch's time zone, not UTC", () => {
    expect(formatDueDate(dueInChicago, 'America/Chicago', 'en-GB')).toBe('Tue, 15 Dec 2026');
    expect(formatDueDate(dueInChicago, 'UTC', 'en-GB')).toBe('Wed, 16 Dec 2026');
  });

  it('uses the given locale', () => {
    expect(formatDueDate(dueInChicago, 'America/Chicago', 'en-US')).toBe('Tue, Dec 15, 2026');
  });
});

describe('formatInstant', () => {
  it('shows date and time in the time zone', () => {
    expect(formatInstant(Date.UTC(2026, 6, 1, 12, 30), 'Europe/Berlin', 'en-GB')).toBe(
      '1 Jul 2026, 14:30',
    );
  });
});

describe('formatCalendarDate', () => {
  it('shows the named day', () => {
    expect(formatCalendarDate('2026-12-31', 'en-GB')).toBe('Thu, 31 Dec 2026');
    expect(formatCalendarDate('2027-01-01', 'en-GB')).toBe('Fri, 1 Jan 2027');
  });

  it('shows anything else as it came, rather than guessing', () => {
    expect(formatCalendarDate('31/12/2026', 'en-GB')).toBe('31/12/2026');
  });
});

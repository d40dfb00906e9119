import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDay, formatTime } from './formatDates.ts';

describe('formatDateTime', () => {
  it('shows the day and a 24-hour clock in the branch time zone', () => {
    expect(formatDateTime(Date.UTC(2025, 5, 11, 7, 20), 'Europe/Berlin')).toBe(
      'Wed 11 Jun 2025, 09:20',
    );
    expect(formatDateTime(Date.UTC(2025, 5, 11, 14, 5), 'America/Chicago')).toBe(
      'Wed 11 Jun 2025, 09:05',
    );
  });

  it('shows midnight as 00:00 of the new day, not 24:00 of the old one', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 0), 'UTC')).toBe('Thu 1 Jan 2026, 00:00');
    expect(formatTime(Date.UTC(2026, 0, 1, 5, 0), 'America/New_York')).toBe('00:00');
  });

  it('follows daylight saving time on both sides of the change', () => {
    // Berlin springs forward at 01:00 UTC on 29 March 2026: 01:59 CET, then 03:00 CEST.
    expect(formatTime(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin')).toBe('01:59');
    expect(formatTime(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin')).toBe('03:00');
    // Chicago falls back on 1 November 2026: 01:30 happens twice.
    expect(formatTime(Date.UTC(2026, 10, 1, 6, 30), 'America/Chicago')).toBe('01:30');
    expect(formatTime(Date.UTC(2026, 10, 1, 7, 30), 'America/Chicago')).toBe('01:30');
  });
});

describe('formatDate', () => {
  // 23:59 on 15 December 2026 in Chicago is 05:59 UTC on 16 December.
  const dueInChicago = Date.UTC(2026, 11, 16, 5, 59);

  it("shows the day in the branch's time zone, not UTC or the computer's", () => {
    expect(formatDate(dueInChicago, 'America/Chicago')).toBe('Tue 15 Dec 2026');
    expect(formatDate(dueInChicago, 'UTC')).toBe('Wed 16 Dec 2026');
    expect(formatDate(dueInChicago, 'Pacific/Auckland')).toBe('Wed 16 Dec 2026');
  });

  it('names September by three letters like every other month', () => {
    expect(formatDate(Date.UTC(2026, 8, 1, 12), 'UTC')).toBe('Tue 1 Sep 2026');
  });
});

describe('formatDay', () => {
  it('shows the named calendar day, whatever the zone', () => {
    expect(formatDay('2026-12-31')).toBe('Thu 31 Dec 2026');
    expect(formatDay('2027-01-01')).toBe('Fri 1 Jan 2027');
    expect(formatDay('2024-02-29')).toBe('Thu 29 Feb 2024');
  });

  it('shows anything else as it came, rather than guessing', () => {
    expect(formatDay('31/12/2026')).toBe('31/12/2026');
    expect(formatDay('2026-13-01')).toBe('2026-13-01');
  });
});

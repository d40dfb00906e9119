// Properties every due date must have, whatever the zone, the closed days and the loan period.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BranchCalendar, addDays, computeDueDate, isOpenDay, localDate } from './dueDates.ts';

const TIME_ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Santiago',
  'America/St_Johns',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Apia',
  'UTC',
];

/** Wall-clock reading through Intl directly: an oracle independent of the code under test. */
function wallClock(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

// 2005–2040 spans many DST rule changes (the US in 2007, Samoa in 2011, Chile several times).
const checkedOutAt = fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2040, 0, 1) });

/** A branch calendar with closed weekdays (never all seven) and closed days near the check-out. */
const branchCalendar = (near: number) =>
  fc
    .record({
      timeZone: fc.constantFrom(...TIME_ZONES),
      closedWeekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
      closedOffsets: fc.uniqueArray(fc.integer({ min: -2, max: 120 }), { maxLength: 60 }),
    })
    .map(({ timeZone, closedWeekdays, closedOffsets }): BranchCalendar => {
      const start = localDate(near, timeZone);
      return {
        timeZone,
        closedWeekdays,
        closedDates: new Set(closedOffsets.map((offset) => addDays(start, offset))),
      };
    });

const scenario = checkedOutAt.chain((at) =>
  fc.record({
    at: fc.constant(at),
    calendar: branchCalendar(at),
    days: fc.integer({ min: 0, max: 100 }),
    moreDays: fc.integer({ min: 0, max: 30 }),
  }),
);

describe('computeDueDate properties', () => {
  it('falls on an open day, never before the check-out day, at 23:59:00 local', () => {
    fc.assert(
      fc.property(scenario, ({ at, calendar, days }) => {
        const due = computeDueDate(at, { kind: 'loanDays', days }, calendar);
        const today = localDate(at, calendar.timeZone);
        expect(isOpenDay(due.dueDate, calendar)).toBe(true);
        expect(calendar.closedDates.has(due.dueDate)).toBe(false);
        expect(calendar.closedWeekdays).not.toContain(
          new Date(`${due.dueDate}T00:00:00Z`).getUTCDay(),
        );
        expect(due.dueDate >= today).toBe(true);
        expect(due.dueDate >= addDays(today, days)).toBe(true);
        expect(wallClock(due.dueAt, calendar.timeZone)).toBe(`${due.dueDate} 23:59:00`);
        expect(due.dueAt % 60_000).toBe(0);
        // A same-day loan made during the last minute of the day is due at that minute.
        expect(due.dueAt).toBeGreaterThan(at - 60_000);
      }),
      { numRuns: 300 },
    );
  });

  it('moves only as far as the first open day', () => {
    fc.assert(
      fc.property(scenario, ({ at, calendar, days }) => {
        const due = computeDueDate(at, { kind: 'loanDays', days }, calendar);
        const nominal = addDays(localDate(at, calendar.timeZone), days);
        expect(due.movedFromClosedDay).toBe(due.dueDate === nominal ? null : nominal);
        for (let date = nominal; date < due.dueDate; date = addDays(date, 1)) {
          expect(isOpenDay(date, calendar)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never makes a longer loan period due earlier', () => {
    fc.assert(
      fc.property(scenario, ({ at, calendar, days, moreDays }) => {
        const shorter = computeDueDate(at, { kind: 'loanDays', days }, calendar);
        const longer = computeDueDate(at, { kind: 'loanDays', days: days + moreDays }, calendar);
        expect(longer.dueDate >= shorter.dueDate).toBe(true);
        expect(longer.dueAt).toBeGreaterThanOrEqual(shorter.dueAt);
      }),
      { numRuns: 300 },
    );
  });

  it('treats a fixed date like the same number of loan days', () => {
    fc.assert(
      fc.property(scenario, ({ at, calendar, days }) => {
        const date = addDays(localDate(at, calendar.timeZone), days);
        expect(computeDueDate(at, { kind: 'date', date }, calendar)).toEqual(
          computeDueDate(at, { kind: 'loanDays', days }, calendar),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('counts days the same way as a UTC calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1600, 0, 1), max: Date.UTC(9000, 0, 1) }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (at, days) => {
          const date = new Date(at).toISOString().slice(0, 10);
          const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)
            .toISOString()
            .slice(0, 10);
          expect(addDays(date, days)).toBe(expected);
        },
      ),
    );
  });
});

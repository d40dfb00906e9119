import { describe, expect, it } from 'vitest';
import {
  type BranchCalendar,
  CalendarDateSchema,
  DueDateError,
  addDays,
  computeDueDate,
  endOfDay,
  isOpenDay,
  localDate,
  nextOpenDay,
} from './dueDates.ts';

function calendar(overrides: Partial<BranchCalendar> = {}): BranchCalendar {
  return { timeZone: 'America/New_York', closedWeekdays: [], closedDates: new Set(), ...overrides };
}

function dueDateError(run: () => unknown): DueDateError {
  try {
    run();
  } catch (error) {
    if (error instanceof DueDateError) return error;
    throw error;
  }
  throw new Error('expected a DueDateError');
}

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('CalendarDateSchema', () => {
  it('accepts real dates, leap days included', () => {
    for (const date of ['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31']) {
      expect(CalendarDateSchema.safeParse(date).success).toBe(true);
    }
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const date of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-4-1',
      '',
      'today',
    ]) {
      expect(CalendarDateSchema.safeParse(date).success).toBe(false);
    }
  });
});

describe('localDate', () => {
  it('reads the date on the branch clock, not in UTC', () => {
    // 04:30 UTC on New Year's Day is still New Year's Eve in New York, and already morning in Sydney.
    expect(localDate(at('2027-01-01T04:30:00Z'), 'America/New_York')).toBe('2026-12-31');
    expect(localDate(at('2026-12-31T14:00:00Z'), 'Australia/Sydney')).toBe('2027-01-01');
  });

  it('refuses unknown time zones and bare offsets', () => {
    expect(dueDateError(() => localDate(0, 'Mars/Olympus')).code).toBe('INVALID_TIME_ZONE');
    expect(dueDateError(() => localDate(0, '+08:00')).code).toBe('INVALID_TIME_ZONE');
    expect(dueDateError(() => localDate(Number.NaN, 'UTC')).code).toBe('INVALID_DATE');
  });
});

describe('addDays', () => {
  it('counts calendar days across month, leap-day and year ends', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('refuses impossible dates and fractional days', () => {
    expect(dueDateError(() => addDays('2026-02-30', 1)).code).toBe('INVALID_DATE');
    expect(dueDateError(() => addDays('2026-01-01', 1.5)).code).toBe('INVALID_LOAN_DAYS');
    expect(dueDateError(() => addDays('9999-12-31', 1)).code).toBe('INVALID_DATE');
  });
});

describe('endOfDay', () => {
  it('is 23:59 local on the days clocks change', () => {
    // New York: EDT from 8 March 2026, EST from 1 November 2026.
    expect(iso(endOfDay('2026-03-07', 'America/New_York'))).toBe('2026-03-08T04:59:00.000Z');
    expect(iso(endOfDay('2026-03-08', 'America/New_York'))).toBe('2026-03-09T03:59:00.000Z');
    expect(iso(endOfDay('2026-11-01', 'America/New_York'))).toBe('2026-11-02T04:59:00.000Z');
    // London: BST from 29 March 2026.
    expect(iso(endOfDay('2026-03-28', 'Europe/London'))).toBe('2026-03-28T23:59:00.000Z');
    expect(iso(endOfDay('2026-03-29', 'Europe/London'))).toBe('2026-03-29T22:59:00.000Z');
    // Sydney: AEST from 5 April, AEDT from 4 October 2026.
    expect(iso(endOfDay('2026-04-05', 'Australia/Sydney'))).toBe('2026-04-05T13:59:00.000Z');
    expect(iso(endOfDay('2026-10-04', 'Australia/Sydney'))).toBe('2026-10-04T12:59:00.000Z');
    // Auckland: NZST from 5 April, NZDT from 27 September 2026.
    expect(iso(endOfDay('2026-04-05', 'Pacific/Auckland'))).toBe('2026-04-05T11:59:00.000Z');
    expect(iso(endOfDay('2026-09-27', 'Pacific/Auckland'))).toBe('2026-09-27T10:59:00.000Z');
  });

  it('takes the later 23:59 when clocks fall back across midnight', () => {
    // Santiago goes from -03 to -04 at local midnight ending 4 April 2026: 23:59 happens twice.
    expect(iso(endOfDay('2026-04-04', 'America/Santiago'))).toBe('2026-04-05T03:59:00.000Z');
  });

  it('refuses a day the branch clock skipped', () => {
    // Samoa crossed the date line: 30 December 2011 never happened in Apia.
    expect(dueDateError(() => endOfDay('2011-12-30', 'Pacific/Apia')).code).toBe('INVALID_DATE');
  });
});

describe('isOpenDay and nextOpenDay', () => {
  const branch = calendar({
    closedWeekdays: [0],
    closedDates: new Set(['2026-12-25', '2026-12-26']),
  });

  it('knows closed weekdays and closed days', () => {
    expect(isOpenDay('2026-12-24', branch)).toBe(true);
    expect(isOpenDay('2026-12-25', branch)).toBe(false);
    expect(isOpenDay('2026-12-27', branch)).toBe(false); // a Sunday
  });

  it('moves past a run of closed days, and stays on an open one', () => {
    expect(nextOpenDay('2026-12-25', branch)).toBe('2026-12-28');
    expect(nextOpenDay('2026-12-24', branch)).toBe('2026-12-24');
  });

  it('treats a skipped day as closed', () => {
    expect(isOpenDay('2011-12-30', calendar({ timeZone: 'Pacific/Apia' }))).toBe(false);
    expect(nextOpenDay('2011-12-30', calendar({ timeZone: 'Pacific/Apia' }))).toBe('2011-12-31');
  });

  it('gives up when the branch never opens', () => {
    const error = dueDateError(() =>
      nextOpenDay('2026-01-01', calendar({ closedWeekdays: [0, 1, 2, 3, 4, 5, 6] })),
    );
    expect(error.code).toBe('NO_OPEN_DAY');
    expect(error.message).toMatch(/closed weekdays/);
  });
});

describe('computeDueDate', () => {
  it('counts loan days from the local check-out date and ends at 23:59 local', () => {
    // Checked out 1 March 2026 at noon in New York; due a week later, the day DST starts.
    const due = computeDueDate(
      at('2026-03-01T17:00:00Z'),
      { kind: 'loanDays', days: 7 },
      calendar(),
    );
    expect(due).toEqual({
      dueAt: at('2026-03-09T03:59:00Z'),
      dueDate: '2026-03-08',
      movedFromClosedDay: null,
      calendarCovers: true,
    });
  });

  it('uses the branch date, not the UTC date, at the year end', () => {
    // 23:30 on New Year's Eve in New York is already 1 January in UTC.
    const due = computeDueDate(
      at('2027-01-01T04:30:00Z'),
      { kind: 'loanDays', days: 21 },
      calendar(),
    );
    expect(due.dueDate).toBe('2027-01-21');
  });

  it('moves a due date off closed days and says from where', () => {
    const branch = calendar({ closedWeekdays: [0], closedDates: new Set(['2026-12-26']) });
    const due = computeDueDate(at('2026-12-05T15:00:00Z'), { kind: 'loanDays', days: 21 }, branch);
    expect(due.dueDate).toBe('2026-12-28');
    expect(due.movedFromClosedDay).toBe('2026-12-26');
  });

  it('makes 0 loan days due today, or the next open day', () => {
    const checkedOutAt = at('2026-12-25T15:00:00Z');
    expect(computeDueDate(checkedOutAt, { kind: 'loanDays', days: 0 }, calendar()).dueDate).toBe(
      '2026-12-25',
    );
    const closedToday = calendar({ closedDates: new Set(['2026-12-25']) });
    expect(computeDueDate(checkedOutAt, { kind: 'loanDays', days: 0 }, closedToday)).toMatchObject({
      dueDate: '2026-12-26',
      movedFromClosedDay: '2026-12-25',
    });
  });

  it('accepts a fixed special due date from today on, moved off closed days', () => {
    const checkedOutAt = at('2026-06-10T15:00:00Z');
    const branch = calendar({ closedWeekdays: [0, 6] });
    expect(computeDueDate(checkedOutAt, { kind: 'date', date: '2026-06-10' }, branch).dueDate).toBe(
      '2026-06-10',
    );
    expect(
      computeDueDate(checkedOutAt, { kind: 'date', date: '2026-06-13' }, branch),
    ).toMatchObject({
      dueDate: '2026-06-15',
      movedFromClosedDay: '2026-06-13',
      dueAt: at('2026-06-16T03:59:00Z'),
    });
  });

  it('refuses a fixed date before today, an impossible date, and bad loan days', () => {
    const checkedOutAt = at('2026-06-10T15:00:00Z');
    const past = dueDateError(() =>
      computeDueDate(checkedOutAt, { kind: 'date', date: '2026-06-09' }, calendar()),
    );
    expect(past.code).toBe('DATE_IN_PAST');
    expect(past.message).toContain('The due date Tue 9 Jun 2026 is before today (Wed 10 Jun 2026)');
    expect(
      dueDateError(() =>
        computeDueDate(checkedOutAt, { kind: 'date', date: '2026-06-31' }, calendar()),
      ).code,
    ).toBe('INVALID_DATE');
    for (const days of [-1, 1.5, Number.NaN, 3651]) {
      expect(
        dueDateError(() => computeDueDate(checkedOutAt, { kind: 'loanDays', days }, calendar()))
          .code,
      ).toBe('INVALID_LOAN_DAYS');
    }
    expect(
      dueDateError(() =>
        computeDueDate(
          checkedOutAt,
          { kind: 'loanDays', days: 7 },
          calendar({ timeZone: 'Nowhere' }),
        ),
      ).code,
    ).toBe('INVALID_TIME_ZONE');
  });

  it('says when the due day lies past the closed days the calendar knows', () => {
    const branch = calendar({ knownThrough: '2026-06-30' });
    const checkedOutAt = at('2026-06-10T15:00:00Z');
    expect(
      computeDueDate(checkedOutAt, { kind: 'loanDays', days: 20 }, branch).calendarCovers,
    ).toBe(true);
    expect(
      computeDueDate(checkedOutAt, { kind: 'loanDays', days: 21 }, branch).calendarCovers,
    ).toBe(false);
  });
});

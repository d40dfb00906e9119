// Due dates: the loan period (or a fixed special due date) counted in the branch's local calendar,
// moved forward past the branch's closed weekdays and closed days, ending at 23:59 local time.
// Shared by the server and the offline client, so both tell the patron the same due date.
import {
  CalendarDateSchema,
  calendarDateFromDayNumber,
  parseCalendarDate,
  weekdayOfDayNumber,
} from './calendarDates.ts';
import { DueDateError } from './dueDateError.ts';
import { formatDay } from './formatDates.ts';
import { assertTimeZone, localDate, localEndOfDay } from './localTime.ts';

export { CalendarDateSchema, DueDateError, localDate };

export interface BranchCalendar {
  timeZone: string; // IANA
  closedWeekdays: readonly number[]; // 0 = Sunday
  closedDates: ReadonlySet<string>; // 'YYYY-MM-DD' local dates
  /** Closed dates are known through this date (offline snapshot coverage); undefined = always known. */
  knownThrough?: string;
}

export type DueDateRequest =
  | { kind: 'loanDays'; days: number } // from the loan rule or a number of special loan days
  | { kind: 'date'; date: string }; // a fixed special due date 'YYYY-MM-DD'

export interface DueDate {
  /** Epoch ms of 23:59:00.000 local time on dueDate at the branch. */
  dueAt: number;
  /** The local due date, 'YYYY-MM-DD'. */
  dueDate: string;
  /** The date the loan would have been due had the branch been open, or null when it was. */
  movedFromClosedDay: string | null;
  /** false when the due day lies past calendar.knownThrough */
  calendarCovers: boolean;
}

/** A year is the longest a branch can plausibly stay closed; beyond it the calendar is wrong. */
const MAX_CLOSED_RUN_DAYS = 366;
/** Ten years: matches the offline file format's limit on loan days. */
const MAX_LOAN_DAYS = 3650;

function dayNumberOf(date: string): number {
  const dayNumber = parseCalendarDate(date);
  if (dayNumber === null) {
    throw new DueDateError(
      'INVALID_DATE',
      `"${date}" is not a real date: use the form YYYY-MM-DD, e.g. 2026-03-31.`,
    );
  }
  return dayNumber;
}

function dateOf(dayNumber: number): string {
  const date = calendarDateFromDayNumber(dayNumber);
  if (date === null) {
    throw new DueDateError(
      'INVALID_DATE',
      'The date falls outside the years 0000–9999: use a shorter loan period.',
    );
  }
  return date;
}

/** The calendar date `days` days after (or, when negative, before) `date`. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) {
    throw new DueDateError('INVALID_LOAN_DAYS', `${String(days)} is not a whole number of days.`);
  }
  return dateOf(dayNumberOf(date) + days);
}

/**
 * Whether loans may fall due on this local date: not a closed weekday, not a closed day, and a day
 * whose clock reaches 23:59 in the branch's time zone (a day skipped by a date-line move cannot be).
 */
export function isOpenDay(date: string, calendar: BranchCalendar): boolean {
  const weekday = weekdayOfDayNumber(dayNumberOf(date));
  if (calendar.closedWeekdays.includes(weekday)) return false;
  if (calendar.closedDates.has(date)) return false;
  return localEndOfDay(date, calendar.timeZone) !== null;
}

/** The date itself if the branch is open that day, otherwise the first open day after it. */
export function nextOpenDay(date: string, calendar: BranchCalendar): string {
  const start = dayNumberOf(date);
  for (let offset = 0; offset < MAX_CLOSED_RUN_DAYS; offset += 1) {
    const candidate = dateOf(start + offset);
    if (isOpenDay(candidate, calendar)) return candidate;
  }
  throw new DueDateError(
    'NO_OPEN_DAY',
    `The branch is closed every day for ${MAX_CLOSED_RUN_DAYS} days from ${formatDay(date)}: check its closed weekdays and closed days.`,
  );
}

/** 23:59:00.000 local time on `date` in `timeZone`, as epoch ms, whatever the DST rules do that day. */
export function endOfDay(date: string, timeZone: string): number {
  const at = localEndOfDay(date, timeZone);
  if (at === null) {
    throw new DueDateError(
      'INVALID_DATE',
      `${formatDay(date)} never reaches 23:59 in ${timeZone} (the day was skipped): choose another date.`,
    );
  }
  return at;
}

function nominalDueDate(today: string, request: DueDateRequest): string {
  if (request.kind === 'loanDays') {
    const { days } = request;
    if (!Number.isInteger(days) || days < 0 || days > MAX_LOAN_DAYS) {
      throw new DueDateError(
        'INVALID_LOAN_DAYS',
        `${String(days)} is not a valid loan period: use a whole number of days from 0 to ${MAX_LOAN_DAYS}.`,
      );
    }
    return addDays(today, days);
  }
  dayNumberOf(request.date);
  // 'YYYY-MM-DD' strings compare in calendar order.
  if (request.date < today) {
    throw new DueDateError(
      'DATE_IN_PAST',
      `The due date ${formatDay(request.date)} is before today (${formatDay(today)}): choose today or a later date.`,
    );
  }
  return request.date;
}

/** The due date of a loan checked out at `checkedOutAt` at a branch with this calendar. */
export function computeDueDate(
  checkedOutAt: number,
  request: DueDateRequest,
  calendar: BranchCalendar,
): DueDate {
  assertTimeZone(calendar.timeZone);
  if (calendar.knownThrough !== undefined) dayNumberOf(calendar.knownThrough);
  const today = localDate(checkedOutAt, calendar.timeZone);
  const nominal = nominalDueDate(today, request);
  const dueDate = nextOpenDay(nominal, calendar);
  return {
    dueAt: endOfDay(dueDate, calendar.timeZone),
    dueDate,
    movedFromClosedDay: dueDate === nominal ? null : nominal,
    calendarCovers: calendar.knownThrough === undefined || dueDate <= calendar.knownThrough,
  };
}

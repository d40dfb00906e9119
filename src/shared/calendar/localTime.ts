// Wall-clock time in a branch's IANA time zone: which local date an instant falls on, and the instant
// a local date ends for loans (23:59). The offsets come from the runtime's time zone data via @date-fns/tz.
import { TZDate, tzOffset } from '@date-fns/tz';
import { MS_PER_DAY, formatCalendarDate, parseCalendarDate } from './calendarDates.ts';
import { DueDateError } from './dueDateError.ts';

const MS_PER_MINUTE = 60_000;
/** Loans end at 23:59:00.000 local, the minute most libraries print on receipts. */
const END_OF_DAY_MS = (23 * 60 + 59) * MS_PER_MINUTE;
/** Any zone's offset lies within ±14 h, so every time zone change that can move a local 23:59 lies
 * within a day of the "UTC guess". */
const OFFSET_SEARCH_MS = MS_PER_DAY;
/** The widest instant a Date can hold. */
const MAX_EPOCH_MS = 8_640_000_000_000_000;

const knownTimeZones = new Set<string>();

/** Throws INVALID_TIME_ZONE unless the runtime knows this IANA zone name. */
export function assertTimeZone(timeZone: string): void {
  if (knownTimeZones.has(timeZone)) return;
  // Offsets such as '+08:00' are refused too: a branch needs a named zone to follow its DST rules.
  let valid = typeof timeZone === 'string' && /^[A-Za-z]/.test(timeZone);
  if (valid) {
    try {
      // Intl rejects zone names it does not know with a RangeError.
      valid = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone !== '';
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    throw new DueDateError(
      'INVALID_TIME_ZONE',
      `"${String(timeZone)}" is not a time zone this system knows: set the branch's time zone to an IANA name such as America/New_York.`,
    );
  }
  knownTimeZones.add(timeZone);
}

function assertInstant(at: number): void {
  if (!Number.isFinite(at) || Math.abs(at) > MAX_EPOCH_MS) {
    throw new DueDateError(
      'INVALID_DATE',
      `${String(at)} is not a moment in time: pass epoch milliseconds.`,
    );
  }
}

function wallClock(at: number, timeZone: string): { date: string; msOfDay: number } {
  const local = new TZDate(at, timeZone);
  return {
    date: formatCalendarDate(local.getFullYear(), local.getMonth() + 1, local.getDate()),
    msOfDay:
      ((local.getHours() * 60 + local.getMinutes()) * 60 + local.getSeconds()) * 1000 +
      local.getMilliseconds(),
  };
}

/** The branch's local calendar date ('YYYY-MM-DD') at an instant. */
export function localDate(at: number, timeZone: string): string {
  assertInstant(at);
  assertTimeZone(timeZone);
  return wallClock(at, timeZone).date;
}

/**
 * The instant a local date reads 23:59:00.000, or null when the clock never shows it that day (a day
 * skipped by a date-line move, such as 2011-12-30 in Samoa). When clocks fall back across 23:59 the
 * later of the two moments is used: the loan stays out for the whole local day.
 */
export function localEndOfDay(date: string, timeZone: string): number | null {
  const dayNumber = parseCalendarDate(date);
  if (dayNumber === null) {
    throw new DueDateError('INVALID_DATE', `"${date}" is not a real date: use YYYY-MM-DD.`);
  }
  assertTimeZone(timeZone);
  const utcGuess = dayNumber * MS_PER_DAY + END_OF_DAY_MS;
  const offsetsMinutes = new Set(
    [utcGuess - OFFSET_SEARCH_MS, utcGuess, utcGuess + OFFSET_SEARCH_MS].map((at) =>
      tzOffset(timeZone, new Date(at)),
    ),
  );
  let latest: number | null = null;
  for (const offset of offsetsMinutes) {
    const candidate = utcGuess - Math.round(offset * MS_PER_MINUTE);
    const wall = wallClock(candidate, timeZone);
    if (
      wall.date === date &&
      wall.msOfDay === END_OF_DAY_MS &&
      (latest === null || candidate > latest)
    ) {
      latest = candidate;
    }
  }
  return latest;
}

// The one way Circa shows dates and times, on every screen of both apps and in the server's
// messages: "Wed 11 Jun 2025" and "Wed 11 Jun 2025, 09:20", always in the branch's time zone.
// Day and month are named and the clock has 24 hours, so no reader can take 06/11 for 11/06.
import { dayNumberFromParts } from './calendarDates.ts';

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']; // day 0 (1970-01-01) was a Thursday
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The wall clock of one instant in one zone, as numbers. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * One Intl.DateTimeFormat per time zone, built once: building one costs far more than formatting
 * with it (a formatter per row cost ~5 ms a scan on Check Out). Numeric parts only, so the words
 * come from the tables above and read the same in every browser locale and ICU version.
 */
const clocks = new Map<string, Intl.DateTimeFormat>();

function clockFor(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const clock: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of clockFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') clock[part.type] = Number(part.value);
  }
  return {
    year: clock.year ?? 0,
    month: clock.month ?? 1,
    day: clock.day ?? 1,
    // Some engines still say 24 for midnight under h23.
    hour: (clock.hour ?? 0) % 24,
    minute: clock.minute ?? 0,
  };
}

function dayText(year: number, month: number, day: number): string {
  const weekday = WEEKDAYS[((dayNumberFromParts(year, month, day) % 7) + 7) % 7];
  return `${weekday} ${day} ${MONTHS[month - 1]} ${year}`;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** An instant's day in `timeZone`: "Wed 11 Jun 2025" (a due date ends that day at 23:59). */
export function formatDate(epochMs: number, timeZone: string): string {
  const clock = wallClock(epochMs, timeZone);
  return dayText(clock.year, clock.month, clock.day);
}

/** An instant in `timeZone`: "Wed 11 Jun 2025, 09:20". */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const clock = wallClock(epochMs, timeZone);
  return `${dayText(clock.year, clock.month, clock.day)}, ${formatClock(clock)}`;
}

/** An instant's time of day in `timeZone`: "09:20". */
export function formatTime(epochMs: number, timeZone: string): string {
  return formatClock(wallClock(epochMs, timeZone));
}

function formatClock(clock: WallClock): string {
  return `${twoDigits(clock.hour)}:${twoDigits(clock.minute)}`;
}

/**
 * A calendar date ('YYYY-MM-DD': a card's expiry, a closed day, an offline due date) as a day,
 * "Wed 11 Jun 2025". It names a day, not an instant, so no time zone can shift it. Anything else
 * is shown as it came rather than guessed at.
 */
export function formatDay(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return isoDate;
  return dayText(year, month, day);
}

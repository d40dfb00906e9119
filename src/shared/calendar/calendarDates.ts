// Calendar dates ('YYYY-MM-DD') as plain day numbers, with no time zone and no Date object, so that
// adding days never trips over DST or the host's zone. Day numbers count from 1970-01-01 (day 0).
import { z } from 'zod';

export const MS_PER_DAY = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of dayNumberFromParts (H. Hinnant's civil_from_days). */
export function partsFromDayNumber(dayNumber: number): {
  year: number;
  month: number;
  day: number;
} {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function formatCalendarDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day number of a real 'YYYY-MM-DD' date, or null when the text is not one (e.g. 2026-02-30). */
export function parseCalendarDate(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const dayNumber = dayNumberFromParts(year, month, day);
  const back = partsFromDayNumber(dayNumber);
  return back.month === month && back.day === day ? dayNumber : null;
}

/** The 'YYYY-MM-DD' text of a day number, or null outside the years 0000–9999. */
export function calendarDateFromDayNumber(dayNumber: number): string | null {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  if (year < 0 || year > 9999) return null;
  return formatCalendarDate(year, month, day);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay(). 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export const CalendarDateSchema: z.ZodType<string> = z
  .string()
  .regex(DATE_PATTERN, 'Use a date in the form YYYY-MM-DD.')
  .refine((date) => parseCalendarDate(date) !== null, {
    message: 'This date does not exist on the calendar: check the month and day.',
  });

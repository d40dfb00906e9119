// When a new or renewed library card expires: a whole number of months (the patron type's card
// period) after the day it starts, clamped to the month's last day (31 January + 1 month is 28 or
// 29 February, never 3 March), so a card never runs longer than its period.
import { formatCalendarDate, parseCalendarDate } from '../calendar/calendarDates.ts';

/** `date` ('YYYY-MM-DD') plus `months` calendar months, the day clamped to the month's length. */
export function addMonths(date: string, months: number): string {
  if (parseCalendarDate(date) === null) {
    throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  }
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`A card period is a whole number of months, not ${months}.`);
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = (monthIndex % 12) + 1;
  return formatCalendarDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

function daysInMonth(year: number, month: number): number {
  for (let day = 31; day > 28; day -= 1) {
    if (parseCalendarDate(formatCalendarDate(year, month, day)) !== null) return day;
  }
  return 28;
}

/** A new card: valid from `today` (the home branch's local date) for the type's card period. */
export function newCardExpiry(today: string, cardMonths: number): string {
  return addMonths(today, cardMonths);
}

/**
 * A renewed card. An expired card starts its new period today, so the days it lay expired are not
 * counted against the patron; a card still valid (renewed early, e.g. at the desk before a trip)
 * runs on from its current expiry, so renewing early never shortens it.
 */
export function renewedCardExpiry(expiresOn: string, today: string, cardMonths: number): string {
  const from = expiresOn < today ? today : expiresOn;
  return addMonths(from, cardMonths);
}

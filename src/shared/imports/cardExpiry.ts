// A new patron's card expiry when an import file does not give one: today plus the patron type's
// card period, in whole months. A day the month does not have becomes its last day (31 Jan + 1 month
// is 28 or 29 Feb), so the card never runs into the month after.
import {
  dayNumberFromParts,
  formatCalendarDate,
  parseCalendarDate,
  partsFromDayNumber,
} from '../calendar/calendarDates.ts';

function daysInMonth(year: number, month: number): number {
  const nextMonth = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return (
    dayNumberFromParts(nextMonth.year, nextMonth.month, 1) - dayNumberFromParts(year, month, 1)
  );
}

/** `today` ('YYYY-MM-DD') plus `cardMonths` months. */
export function defaultCardExpiry(today: string, cardMonths: number): string {
  const dayNumber = parseCalendarDate(today);
  if (dayNumber === null) throw new RangeError(`"${today}" is not a calendar date.`);
  if (!Number.isInteger(cardMonths) || cardMonths < 0) {
    throw new RangeError(`A card period is a whole number of months, not ${cardMonths}.`);
  }
  const { year, month, day } = partsFromDayNumber(dayNumber);
  const monthIndex = year * 12 + (month - 1) + cardMonths;
  const toYear = Math.floor(monthIndex / 12);
  const toMonth = (monthIndex % 12) + 1;
  return formatCalendarDate(toYear, toMonth, Math.min(day, daysInMonth(toYear, toMonth)));
}

// "Returned on": the day an item found in the book drop really came back, so it is not charged for
// the days it sat there. Empty means today. It cannot be after today, nor further back than a
// book drop plausibly holds items.
import { parseCalendarDate } from '../../shared/calendar/calendarDates.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { addDays } from '../../shared/calendar/dueDates.ts';

/** How far back "Returned on" may go: a year, well past any closure a book drop outlasts. */
export const MAX_RETURNED_ON_DAYS_BACK = 365;

export type ReturnedOnCheck =
  /** `returnedOn` is absent when the item came back today. */
  { ok: true; returnedOn: string | undefined } | { ok: false; message: string };

/** Checks the "Returned on" field against the branch's `today` ('YYYY-MM-DD'). */
export function checkReturnedOn(raw: string, today: string): ReturnedOnCheck {
  const value = raw.trim();
  if (value === '' || value === today) return { ok: true, returnedOn: undefined };
  const day = parseCalendarDate(value);
  if (day === null) {
    return {
      ok: false,
      message: `"${value}" is not a date. Choose the day the item came back in "Returned on", or clear the field for today. Nothing was recorded.`,
    };
  }
  const todayNumber = parseCalendarDate(today);
  if (todayNumber !== null && day > todayNumber) {
    return {
      ok: false,
      message: `Returned on ${formatDay(value)} is after today (${formatDay(today)}). Choose today or an earlier day, or clear the field. Nothing was recorded.`,
    };
  }
  const earliest = addDays(today, -MAX_RETURNED_ON_DAYS_BACK);
  if (todayNumber !== null && day < todayNumber - MAX_RETURNED_ON_DAYS_BACK) {
    return {
      ok: false,
      message: `Returned on ${formatDay(value)} is more than a year ago: choose a day from ${formatDay(earliest)} to today, or clear the field. Nothing was recorded.`,
    };
  }
  return { ok: true, returnedOn: value };
}

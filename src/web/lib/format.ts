// Dates as staff read them. Due dates are instants that end a day in the lending branch's time
// zone, so they are shown in that zone, never the browser's, to match the patron's receipt.

/** The locale of this browser, so dates read the way staff expect. */
const LOCALE: string | undefined = undefined;

/** A due date as a day, e.g. "Tue, 15 Dec 2026": loans end at 23:59 that day in `timeZone`. */
export function formatDueDate(epochMs: number, timeZone: string, locale = LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(epochMs);
}

/** A moment, e.g. "15 Dec 2026, 14:05", in `timeZone`. */
export function formatInstant(epochMs: number, timeZone: string, locale = LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(epochMs);
}

/**
 * A calendar date ('YYYY-MM-DD', such as a card's expiry or a closed day) as a day. It names a day,
 * not an instant, so it is formatted at noon UTC: the same day whatever the browser's time zone.
 */
export function formatCalendarDate(isoDate: string, locale = LOCALE): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
}

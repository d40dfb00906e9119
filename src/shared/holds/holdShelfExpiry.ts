// The last day an item waits on the hold shelf: a number of the pickup branch's OPEN days, so a
// patron never loses a hold to a week the branch was closed.
import type { BranchCalendar } from '../calendar/dueDates.ts';
import { addDays, nextOpenDay } from '../calendar/dueDates.ts';

/**
 * The `holdShelfDays`-th open day after `today` ('YYYY-MM-DD' at the pickup branch). The day the
 * item goes on the shelf does not count (the patron may only hear of it that evening); closed
 * weekdays and closed days are skipped. Throws DueDateError when the branch is closed for a year.
 */
export function holdShelfExpiry(
  today: string,
  holdShelfDays: number,
  calendar: BranchCalendar,
): string {
  if (!Number.isInteger(holdShelfDays) || holdShelfDays < 1) {
    throw new RangeError(
      `holdShelfDays must be a whole number of days from 1, not ${holdShelfDays}.`,
    );
  }
  let day = today;
  for (let counted = 0; counted < holdShelfDays; counted += 1) {
    day = nextOpenDay(addDays(day, 1), calendar);
  }
  return day;
}

/** Whether a hold shelf entry whose last day is `expiresOn` has expired by `today` at its branch. */
export function shelfHoldExpired(expiresOn: string, today: string): boolean {
  // 'YYYY-MM-DD' strings compare in calendar order.
  return today > expiresOn;
}

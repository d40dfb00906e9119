// Words every processing rule's messages share, so the report reads alike for every type.
import { formatDate } from '../calendar/formatDates.ts';
import type { ProcessingState } from './outcome.ts';

export type ProcessedItem = NonNullable<ProcessingState['item']>;

export const FIX_OR_DISMISS =
  'It is kept in the exceptions queue: correct the barcode and apply it again, or dismiss it with a reason.';

export const SUPERVISOR_DECIDES =
  'It is kept in the exceptions queue: a supervisor checks it with the sender, then applies it or dismisses it with a reason.';

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A day as librarians read it everywhere, in the branch's time zone (UTC when not given). */
export function shownDate(ms: number, state: Pick<ProcessingState, 'branchTimeZone'>): string {
  return formatDate(ms, state.branchTimeZone ?? 'UTC');
}

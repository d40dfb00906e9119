// Words every processing rule's messages share, so the report reads alike for every type.
import { formatDate } from '../calendar/formatDates.ts';
import type { OutcomeCode, ProcessingState } from './outcome.ts';

export type ProcessedItem = NonNullable<ProcessingState['item']>;

/** Statuses that say the item should not be on the shelf or in a patron's hands. */
export const STATUS_WARNINGS: Partial<Record<ProcessedItem['status'], OutcomeCode>> = {
  lost: 'ITEM_STATUS_LOST',
  missing: 'ITEM_STATUS_MISSING',
  damaged: 'ITEM_STATUS_DAMAGED',
  withdrawn: 'ITEM_STATUS_WITHDRAWN',
};

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

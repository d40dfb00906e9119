// Words every processing rule's messages share, so the report reads alike for every type.
import { formatDate } from '../calendar/formatDates.ts';
import type { Decision, OutcomeCode, ProcessingState } from './outcome.ts';

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

/**
 * The exception for a patron's transaction (`what`: "Check-out", "Renewal") whose patron or item
 * barcode (or both) is not known, naming each one that is not.
 */
export function unknownPatronOrItem(
  what: string,
  t: { patronBarcode: string; itemBarcode: string },
  { patron, item }: Pick<ProcessingState, 'patron' | 'item'>,
): Decision {
  const codes: OutcomeCode[] = [];
  const unknown: string[] = [];
  if (patron === null) {
    codes.push('UNKNOWN_PATRON');
    unknown.push(`patron barcode ${t.patronBarcode}`);
  }
  if (item === null) {
    codes.push('UNKNOWN_ITEM');
    unknown.push(`item barcode ${t.itemBarcode}`);
  }
  return {
    outcome: 'exception',
    codes,
    effects: [],
    message: `${what} not applied: ${unknown.join(' and ')} ${unknown.length > 1 ? 'are' : 'is'} not known. ${FIX_OR_DISMISS}`,
  };
}

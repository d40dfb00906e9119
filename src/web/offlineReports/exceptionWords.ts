// What a supervisor did to an offline exception, as one line of its history.
import type { ExceptionAction } from '../../shared/api/offline.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';

/**
 * "Applied again by Sam Super (super) on Mon 2 Mar 2026, 10:20, with patron barcode P-1", or for
 * an attempt that failed "Tried again by … : still patron 2100… is not in the library system."
 */
export function describeAction(action: ExceptionAction, timeZone: string): string {
  const who = `${action.staff.displayName} (${action.staff.username})`;
  const when = formatDateTime(action.at, timeZone);
  if (action.action === 'dismissed') {
    return `Dismissed by ${who} on ${when}: ${action.reason ?? 'no reason given'}`;
  }
  if (action.action === 'merged_with_patron') {
    return `Merged with the existing patron by ${who} on ${when}`;
  }
  if (action.action === 'lent_to_card_owner') {
    return `Loans lent to the card’s owner by ${who} on ${when}`;
  }
  if (action.action === 'registered_new_patron') {
    // A confirmation that still could not register (e.g. the card was taken since) says why.
    return action.reason === null
      ? `Registered as a new patron by ${who} on ${when}`
      : `Tried to register as a new patron by ${who} on ${when}: still ${lowerFirst(action.reason)}`;
  }
  const barcodes = [
    action.patronBarcode ? `patron barcode ${action.patronBarcode}` : null,
    action.itemBarcode ? `item barcode ${action.itemBarcode}` : null,
  ].filter((part) => part !== null);
  const corrected = barcodes.length > 0 ? `, with ${barcodes.join(' and ')}` : '';
  // A re-apply that left it an exception carries why; only one that went through was applied.
  if (action.reason !== null) {
    return `Tried again by ${who} on ${when}${corrected}: still ${lowerFirst(action.reason)}`;
  }
  return `Applied again by ${who} on ${when}${corrected}`;
}

function lowerFirst(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

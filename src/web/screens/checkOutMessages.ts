// What the Check Out and Check In screens say when a scan is refused. The server's message says
// what is wrong and what to do; these put the scanned barcode in front, so staff can tell which
// scan of a quick series failed and scan it again.
import type { Patron } from '../../shared/api/circulation.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { ApiRequestError, describeError } from '../api/client.ts';
import { withoutFinalStop } from '../components/PatronSummary.tsx';

export function itemRefusal(
  verb: 'checked out' | 'checked in',
  itemBarcode: string,
  error: unknown,
) {
  return `Item ${itemBarcode} was not ${verb}: ${describeError(error)}`;
}

export function patronRefusal(patronBarcode: string, error: unknown) {
  return `Patron ${patronBarcode} could not be shown: ${describeError(error)}`;
}

/** The server refused an item scan because it is a patron's card: the next patron has come up. */
export function isPatronCardScannedAsItem(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    error.code === 'INVALID_BARCODE' &&
    error.details?.['problem'] === 'LOOKS_LIKE_PATRON'
  );
}

/** The item is already on this very patron's card: a notice to look at, not a refusal. */
export function isAlreadyOnThisCard(error: unknown, patronBarcode: string): boolean {
  return (
    error instanceof ApiRequestError &&
    error.code === 'ITEM_ON_LOAN' &&
    error.details?.['patronBarcode'] === patronBarcode
  );
}

/** The item is marked damaged: staff look at it, then lend it anyway or set it aside. */
export function needsALook(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'ITEM_NEEDS_A_LOOK';
}

/**
 * Why this card stops at the patron, or null when it may borrow. Check Out offers beside it what
 * the session may do: Renew card, and for a supervisor Unblock and Lend anyway (once).
 */
export function cardStop(patron: Patron): string | null {
  if (patron.status === 'blocked') {
    const reason = withoutFinalStop(patron.blockReason ?? 'no reason recorded');
    return `${patron.name}'s card ${patron.barcode} is blocked: ${reason}. Nothing can be lent on it: ask a supervisor, who may unblock it or lend anyway (once), or scan the next patron's card.`;
  }
  if (patron.status === 'expired') {
    return `${patron.name}'s card ${patron.barcode} expired on ${formatDay(patron.expiresOn)}. Nothing can be lent on it until it is renewed: renew the card, or scan the next patron's card.`;
  }
  return null;
}

// The hold slip and the transit slip as plain data: what Check In and the Hold shelf print when an
// item goes on the hold shelf or travels to another branch. Kept pure so the wording (and what it
// leaves out: a slip sits on an open shelf) is tested without a printer; printSlip.ts lays it out.
import type { HoldSlip, TransitSlip } from '../../shared/api/holds.ts';
import { formatDateTime, formatDay } from '../../shared/calendar/formatDates.ts';
import { maskBarcode } from '../receipt/receipt.ts';

export interface Slip {
  libraryName: string;
  /** "HOLD" or "TRANSIT": readable from across the back office. */
  heading: 'HOLD' | 'TRANSIT';
  /** Printed large: the patron's short name on a hold slip, the destination on a transit slip. */
  large: string;
  /** The rest, one per line, in print order. */
  lines: string[];
}

/** Placed on the item on the hold shelf: whose it is, without their full card or name. */
export function buildHoldSlip(libraryName: string, slip: HoldSlip): Slip {
  return {
    libraryName,
    heading: 'HOLD',
    large: slip.patronShortName,
    lines: [
      `Patron: ${maskBarcode(slip.patronBarcode)}`,
      slip.title,
      ...(slip.callNumber.trim() === '' ? [] : [`Call number: ${slip.callNumber}`]),
      `Item: ${slip.itemBarcode}`,
      `Pickup: ${slip.pickupBranch.name}`,
      `Hold until ${formatDay(slip.shelfExpiresOn)}`,
    ],
  };
}

/** Travels with the item: where to, from where, why, and for whom when a hold waits for it. */
export function buildTransitSlip(libraryName: string, slip: TransitSlip): Slip {
  return {
    libraryName,
    heading: 'TRANSIT',
    large: `To: ${slip.toBranch.name}`,
    lines: [
      `From: ${slip.fromBranch.name}`,
      slip.title,
      ...(slip.callNumber.trim() === '' ? [] : [`Call number: ${slip.callNumber}`]),
      `Item: ${slip.itemBarcode}`,
      slip.reason === 'hold' ? 'Reason: a hold waits there' : 'Reason: going home',
      ...(slip.hold === null ? [] : [`For: ${slip.hold.patronShortName}`]),
      // The day and time where it was sent from: the branch that wrote the slip.
      `Sent ${formatDateTime(slip.sentAt, slip.fromBranch.timeZone)}`,
    ],
  };
}

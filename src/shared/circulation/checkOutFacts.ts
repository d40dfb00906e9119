// What a check-out's reads found: the patron, the item, the item's open loan and the lending
// branch. The rules (decideCheckOut.ts) and their wording (checkOutRefusals.ts) both take these.
import type { ItemStatus } from '../api/circulation.ts';
import type { BranchCalendar } from '../calendar/dueDates.ts';

export interface CheckOutPatron {
  id: number;
  barcode: string;
  name: string;
  /** 'YYYY-MM-DD': the card is valid through this day. */
  expiresOn: string;
  blockReason: string | null;
  patronTypeCode: string;
  patronTypeName: string;
}

export interface CheckOutItem {
  id: number;
  barcode: string;
  title: string;
  status: ItemStatus;
  materialTypeCode: string;
  materialTypeName: string;
}

/** The item's open loan, with what staff are told when it stands in the way. */
export interface OpenLoan {
  id: number;
  patronId: number;
  patronBarcode: string;
  patronName: string;
  itemTitle: string;
  checkedOutAt: number;
  dueAt: number;
  /** The lending branch's time zone, for saying when the loan was made in local time. */
  branchTimeZone: string;
}

/** The branch the staff member lends at: loans are made there and fall due by its calendar. */
export interface LendingBranch {
  id: number;
  code: string;
  name: string;
  calendar: BranchCalendar;
}

/** The active hold that has caught the item: it waits on the hold shelf or travels to it. */
export interface ItemHold {
  id: number;
  patronId: number;
  /** As the hold slip shortens it, e.g. "REA, A.": the refusal names no more than the shelf does. */
  patronShortName: string;
  status: 'in_transit' | 'on_shelf';
  /** 'YYYY-MM-DD': the last day on the shelf; null while in transit. */
  shelfExpiresOn: string | null;
  pickupBranchName: string;
}

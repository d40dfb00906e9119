// What a renewal's reads found about the loan and the patron. The rules (decideRenewal.ts) and
// their wording (renewalRefusals.ts) both take these, as checkOutFacts.ts serves a check-out.
import type { ItemStatus } from '../api/circulation.ts';

/** The loan being renewed, with its item as it is now. */
export interface RenewalLoan {
  id: number;
  patronId: number;
  itemId: number;
  /** The item's title: holds on any copy of it wait for this item too. */
  titleId: number;
  itemBarcode: string;
  itemTitle: string;
  itemStatus: ItemStatus;
  /** Epoch ms. */
  dueAt: number;
  renewalCount: number;
  /** Set once checked in: a returned loan is never renewed, override or not. */
  returnedAt: number | null;
}

export interface RenewalPatron {
  id: number;
  barcode: string;
  name: string;
  /** 'YYYY-MM-DD': the card is valid through this day. */
  expiresOn: string;
  blockReason: string | null;
}

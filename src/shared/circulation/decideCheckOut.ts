// The rules of an online check-out: given what the desk asked and what the server read, refuse with
// a reason staff can act on, or say what to write. No I/O, so it reads beside processing/decide.ts
// (the offline check-out, which never refuses: the patron already has the item).
import type { ItemStatus } from '../api/circulation.ts';
import {
  checkBarcode,
  type BarcodeCheck,
  type BarcodeKind,
  type BarcodeRules,
} from '../barcodes/barcodes.ts';
import { computeDueDate, localDate } from '../calendar/dueDates.ts';
import { patronStatus } from '../patrons/patronStatus.ts';
import type {
  CheckOutItem,
  CheckOutPatron,
  ItemHold,
  LendingBranch,
  OpenLoan,
} from './checkOutFacts.ts';
import * as refuse from './checkOutRefusals.ts';
import type { CirculationRefusal } from './checkOutRefusals.ts';

/**
 * Statuses under which an item stays on the shelf: it cannot be lent until staff change it. A
 * damaged item is not among them: it lends once staff confirm (ITEM_NEEDS_A_LOOK).
 */
const NOT_LOANABLE: ReadonlySet<ItemStatus> = new Set(['lost', 'missing', 'withdrawn']);

/** A barcode as scanned, and what the library's rule made of it. */
export interface ScannedBarcode {
  scanned: string;
  check: BarcodeCheck;
}

export function scanBarcode(
  kind: BarcodeKind,
  scanned: string,
  rules: BarcodeRules,
): ScannedBarcode {
  return { scanned, check: checkBarcode(kind, scanned, rules) };
}

/** What the desk asked for. */
export interface CheckOutAsked {
  patronBarcode: ScannedBarcode;
  itemBarcode: ScannedBarcode;
  /** Epoch ms of the check-out; the due date counts from the branch's local date at this instant. */
  at: number;
  /** Check in the item's loan to another patron first, then lend. */
  override: boolean;
  /** Whether the staff member's role allows 'loan.override'. */
  mayOverride: boolean;
  /** Staff have looked at a damaged item and lend it anyway; any circulation role may. */
  confirmDamaged: boolean;
  /**
   * A supervisor lends to a blocked or expired card anyway ("Lend anyway (once)"), with a reason;
   * needs `mayOverride`. The desk sends it for this patron's visit only.
   */
  lendPastCard: boolean;
  /**
   * A supervisor lends an item caught for another patron's hold anyway, with a reason; needs
   * `mayOverride`. The other hold goes back to waiting, keeping its place in the queue.
   */
  overrideHold: boolean;
}

export type {
  CheckOutItem,
  CheckOutPatron,
  ItemHold,
  LendingBranch,
  OpenLoan,
} from './checkOutFacts.ts';

/** What the server read, all before deciding. A read that needs a missing row is null (or 0). */
export interface CheckOutFound {
  /** Null when no patron has the card, or the card's barcode broke the rule and was not looked up. */
  patron: CheckOutPatron | null;
  item: CheckOutItem | null;
  branch: LendingBranch;
  /** The item's open loan (at most one), if any. */
  openLoan: OpenLoan | null;
  /** The loan rule for the patron's type and the item's material type at this branch. */
  loanRule: { loanDays: number; maxItems: number } | null;
  /** The patron's open loans of the item's material type. */
  onLoanOfMaterialType: number;
  /** The active hold that has caught this item (on the hold shelf or in transit to it), if any. */
  itemHold: ItemHold | null;
  /** The patron's first waiting hold this copy could fill (on its title or on this item), if any. */
  patronWaitingHoldId: number | null;
}

export type CheckOutDecision =
  | { outcome: 'refused'; refusal: CirculationRefusal }
  | {
      outcome: 'lend';
      patronId: number;
      itemId: number;
      branchId: number;
      checkedOutAt: number;
      dueAt: number;
      /** Overriding: this loan to another patron is checked in at `checkedOutAt` first. */
      checkInFirst: OpenLoan | null;
      /** A damaged item lent because staff confirmed it: the server records that they did. */
      damagedConfirmed: boolean;
      /** Lent to a card that was blocked or expired, on a supervisor's word: recorded with why. */
      pastCard: 'blocked' | 'expired' | null;
      /** The patron's hold this loan fulfils: the one that caught the item, or a waiting one. */
      fillHoldId: number | null;
      /** Another patron's hold that had caught the item, sent back to waiting on a supervisor's word. */
      releasedHold: ItemHold | null;
    };

const refused = (refusal: CirculationRefusal): CheckOutDecision => ({
  outcome: 'refused',
  refusal,
});

/**
 * Refusals come in the order staff fix them: the scan, the card, the item, who has it, the rules.
 * Throws DueDateError when no due date can be set (a branch closed for a year, loan days out of
 * range), as computeDueDate does.
 */
export function decideCheckOut(asked: CheckOutAsked, found: CheckOutFound): CheckOutDecision {
  const { patronBarcode, itemBarcode, at } = asked;
  if (!patronBarcode.check.ok) {
    return refused(refuse.invalidBarcode('patron', patronBarcode.scanned, patronBarcode.check));
  }
  if (!itemBarcode.check.ok) {
    return refused(refuse.invalidBarcode('item', itemBarcode.scanned, itemBarcode.check));
  }
  const { patron, item, branch, openLoan, loanRule } = found;
  if (!patron) return refused(refuse.patronNotFound(patronBarcode.check.barcode));
  if (!item) return refused(refuse.itemNotFound(itemBarcode.check.barcode));

  const today = localDate(at, branch.calendar.timeZone);
  const status = patronStatus(patron, today);
  const pastCard = status === 'good' ? null : status;
  if (pastCard !== null && asked.lendPastCard && !asked.mayOverride) {
    return refused(refuse.lendPastCardForbidden(patron, pastCard));
  }
  if (pastCard !== null && !asked.lendPastCard) {
    return refused(
      pastCard === 'blocked' ? refuse.patronBlocked(patron) : refuse.patronExpired(patron),
    );
  }
  if (NOT_LOANABLE.has(item.status)) return refused(refuse.itemNotLoanable(item));
  // Damaged may still lend (a torn cover, a stained page), but only once staff have looked.
  const damaged = item.status === 'damaged';
  if (damaged && !asked.confirmDamaged) return refused(refuse.itemNeedsALook(item));

  if (openLoan) {
    if (openLoan.patronId === patron.id || !asked.override) {
      return refused(refuse.itemOnLoan(openLoan, patron.id));
    }
    if (!asked.mayOverride) return refused(refuse.overrideForbidden(item));
  }

  // An item caught for a hold is the hold patron's: lending it fills that hold; lending it to anyone
  // else needs a supervisor, and the other hold waits again at its old place in the queue.
  const { itemHold } = found;
  let fillHoldId = found.patronWaitingHoldId;
  let releasedHold: ItemHold | null = null;
  if (itemHold) {
    if (itemHold.patronId === patron.id) {
      fillHoldId = itemHold.id;
    } else {
      if (!asked.overrideHold) return refused(refuse.itemOnHoldForAnother(item, itemHold));
      if (!asked.mayOverride) return refused(refuse.overrideHoldForbidden(item, itemHold));
      releasedHold = itemHold;
    }
  }

  if (!loanRule) return refused(refuse.noLoanRule(patron, item, branch));
  if (found.onLoanOfMaterialType >= loanRule.maxItems) {
    return refused(
      refuse.maxItemsReached(patron, item, found.onLoanOfMaterialType, loanRule.maxItems),
    );
  }

  const due = computeDueDate(at, { kind: 'loanDays', days: loanRule.loanDays }, branch.calendar);
  return {
    outcome: 'lend',
    patronId: patron.id,
    itemId: item.id,
    branchId: branch.id,
    checkedOutAt: at,
    dueAt: due.dueAt,
    checkInFirst: openLoan,
    damagedConfirmed: damaged,
    pastCard,
    fillHoldId,
    releasedHold,
  };
}

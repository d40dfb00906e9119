// How an online check-out is refused: a code from the API contract, an HTTP status, and a message
// that names the problem and what to do next. The server throws each as a CircaError.
import type { ErrorCode } from '../api/errors.ts';
import type { BarcodeCheck, BarcodeKind } from '../barcodes/barcodes.ts';
import { formatDateTime, formatDay } from '../calendar/formatDates.ts';
import type {
  CheckOutItem,
  CheckOutPatron,
  ItemHold,
  LendingBranch,
  OpenLoan,
} from './checkOutFacts.ts';

export interface CirculationRefusal {
  code: ErrorCode;
  status: 400 | 403 | 404 | 409;
  message: string;
  /** Extra facts for the screen, e.g. who has the item. */
  details?: Record<string, unknown>;
}

export function invalidBarcode(
  kind: BarcodeKind,
  scanned: string,
  check: Extract<BarcodeCheck, { ok: false }>,
): CirculationRefusal {
  return {
    code: 'INVALID_BARCODE',
    status: 400,
    message: check.message,
    details: { kind, problem: check.problem, barcode: scanned },
  };
}

export function patronNotFound(patronBarcode: string): CirculationRefusal {
  return {
    code: 'PATRON_NOT_FOUND',
    status: 404,
    message: `No patron has the card ${patronBarcode}. Check the card, or register the patron first.`,
    details: { patronBarcode },
  };
}

export function itemNotFound(itemBarcode: string): CirculationRefusal {
  return {
    code: 'ITEM_NOT_FOUND',
    status: 404,
    message: `No item has the barcode ${itemBarcode}. Check the barcode, or add the item to the catalogue first.`,
    details: { itemBarcode },
  };
}

export function patronBlocked(patron: CheckOutPatron): CirculationRefusal {
  return {
    code: 'PATRON_BLOCKED',
    status: 409,
    message: `${patron.name}'s card is blocked: ${patron.blockReason}. Resolve the block before lending.`,
    details: { patronBarcode: patron.barcode, blockReason: patron.blockReason },
  };
}

export function patronExpired(patron: CheckOutPatron): CirculationRefusal {
  return {
    code: 'PATRON_EXPIRED',
    status: 409,
    message: `${patron.name}'s card expired on ${formatDay(patron.expiresOn)}. Renew the card before lending.`,
    details: { patronBarcode: patron.barcode, expiresOn: patron.expiresOn },
  };
}

export function itemNotLoanable(item: CheckOutItem): CirculationRefusal {
  return {
    code: 'ITEM_NOT_LOANABLE',
    status: 409,
    message: `"${item.title}" is marked ${item.status} and cannot be lent. Set it aside for a supervisor to check its record.`,
    details: { itemBarcode: item.barcode, status: item.status },
  };
}

/** A damaged item: a warning to look at it, answered by lending anyway with `confirmDamaged`. */
export function itemNeedsALook(item: CheckOutItem): CirculationRefusal {
  return {
    code: 'ITEM_NEEDS_A_LOOK',
    status: 409,
    message: `"${item.title}" is marked damaged. Look at it with the patron: lend it anyway if it can go out, or set it aside for repair.`,
    details: { itemBarcode: item.barcode, status: item.status },
  };
}

export function overrideForbidden(item: CheckOutItem): CirculationRefusal {
  return {
    code: 'FORBIDDEN',
    status: 403,
    message: `"${item.title}" is on loan to another patron, and only a supervisor may check it in and lend it again. Ask a supervisor.`,
    details: { itemBarcode: item.barcode },
  };
}

export function lendPastCardForbidden(
  patron: CheckOutPatron,
  standing: 'blocked' | 'expired',
): CirculationRefusal {
  return {
    code: 'FORBIDDEN',
    status: 403,
    message: `${patron.name}'s card is ${standing}, and only a supervisor may lend on it anyway. Ask a supervisor.`,
    details: { patronBarcode: patron.barcode },
  };
}

export function noLoanRule(
  patron: CheckOutPatron,
  item: CheckOutItem,
  branch: LendingBranch,
): CirculationRefusal {
  return {
    code: 'NO_LOAN_RULE',
    status: 409,
    message: `No loan rule covers patron type ${patron.patronTypeName} with material type ${item.materialTypeName} at ${branch.name}. Ask an administrator to add one under Administration, Loan rules.`,
    details: {
      patronType: patron.patronTypeCode,
      materialType: item.materialTypeCode,
      branch: branch.code,
    },
  };
}

export function maxItemsReached(
  patron: CheckOutPatron,
  item: CheckOutItem,
  onLoan: number,
  limit: number,
): CirculationRefusal {
  return {
    code: 'MAX_ITEMS_REACHED',
    status: 409,
    message: `${patron.name} already has ${onLoan} ${item.materialTypeName} on loan, the most allowed (${limit}). Check one in before lending another.`,
    details: { limit, onLoan, materialType: item.materialTypeCode },
  };
}

/**
 * ITEM_ON_LOAN, saying whose card the item is on and since when; `patronId` is the borrower asking.
 * Without the loan (another desk lent it a moment ago and it is not visible yet), says just that.
 */
export function itemOnLoan(loan: OpenLoan | null, patronId: number | null): CirculationRefusal {
  if (!loan) {
    return {
      code: 'ITEM_ON_LOAN',
      status: 409,
      message:
        'This item was just checked out at another desk. Look the item up to see who has it.',
    };
  }
  const details = {
    loanId: loan.id,
    patronBarcode: loan.patronBarcode,
    patronName: loan.patronName,
    checkedOutAt: loan.checkedOutAt,
    dueAt: loan.dueAt,
  };
  if (loan.patronId === patronId) {
    return {
      code: 'ITEM_ON_LOAN',
      status: 409,
      message: `"${loan.itemTitle}" is already on this patron's card. Scan the next item.`,
      details,
    };
  }
  const since = formatDateTime(loan.checkedOutAt, loan.branchTimeZone);
  return {
    code: 'ITEM_ON_LOAN',
    status: 409,
    message: `"${loan.itemTitle}" is on loan to ${loan.patronName} (${loan.patronBarcode}) since ${since}. Check it in first, or ask a supervisor to override.`,
    details,
  };
}

/** Where the item waits and for whom, as the refusal and its override say it. */
function holdPlace(hold: ItemHold): string {
  if (hold.status === 'on_shelf' && hold.shelfExpiresOn !== null) {
    return `on the hold shelf for ${hold.patronShortName} until ${formatDay(hold.shelfExpiresOn)}`;
  }
  return `on its way to ${hold.pickupBranchName} for ${hold.patronShortName}'s hold`;
}

function holdDetails(item: CheckOutItem, hold: ItemHold) {
  return {
    itemBarcode: item.barcode,
    holdId: hold.id,
    holdStatus: hold.status,
    patronShortName: hold.patronShortName,
    shelfExpiresOn: hold.shelfExpiresOn,
    pickupBranch: hold.pickupBranchName,
  };
}

/** ITEM_ON_HOLD_FOR_ANOTHER: the item was caught for another patron's hold. */
export function itemOnHoldForAnother(item: CheckOutItem, hold: ItemHold): CirculationRefusal {
  return {
    code: 'ITEM_ON_HOLD_FOR_ANOTHER',
    status: 409,
    message: `"${item.title}" waits for another patron: it is ${holdPlace(hold)}. Put it back, or ask a supervisor to lend it anyway.`,
    details: holdDetails(item, hold),
  };
}

export function overrideHoldForbidden(item: CheckOutItem, hold: ItemHold): CirculationRefusal {
  return {
    code: 'FORBIDDEN',
    status: 403,
    message: `"${item.title}" waits for another patron (it is ${holdPlace(hold)}), and only a supervisor may lend it anyway. Ask a supervisor.`,
    details: holdDetails(item, hold),
  };
}

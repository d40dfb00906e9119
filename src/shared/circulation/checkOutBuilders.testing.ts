// Builders for check-out decisions in tests: a good patron, an available book and a 14-day, 2-item
// rule at a Chicago branch open every day, unless a test says otherwise.
import { DEMO_BARCODE_RULES, withCheckDigit } from '../barcodes/barcodes.ts';
import {
  scanBarcode,
  type CheckOutAsked,
  type CheckOutFound,
  type CheckOutItem,
  type CheckOutPatron,
  type OpenLoan,
} from './decideCheckOut.ts';

/** Monday 2 March 2026, 12:00 in Chicago (CST, UTC−6). */
export const MONDAY_NOON_CHICAGO_MS = Date.UTC(2026, 2, 2, 18, 0, 0);
export const PATRON_BARCODE = withCheckDigit('2100000000001');
export const ITEM_BARCODE = withCheckDigit('3100000000001');

export function buildAsked(overrides: Partial<CheckOutAsked> = {}): CheckOutAsked {
  return {
    patronBarcode: scanBarcode('patron', PATRON_BARCODE, DEMO_BARCODE_RULES),
    itemBarcode: scanBarcode('item', ITEM_BARCODE, DEMO_BARCODE_RULES),
    at: MONDAY_NOON_CHICAGO_MS,
    override: false,
    mayOverride: false,
    confirmDamaged: false,
    lendPastCard: false,
    overrideHold: false,
    ...overrides,
  };
}

export function buildPatron(overrides: Partial<CheckOutPatron> = {}): CheckOutPatron {
  return {
    id: 1,
    barcode: PATRON_BARCODE,
    name: 'Ada Reader',
    expiresOn: '2027-01-31',
    blockReason: null,
    patronTypeCode: 'ADULT',
    patronTypeName: 'Adult',
    ...overrides,
  };
}

export function buildItem(overrides: Partial<CheckOutItem> = {}): CheckOutItem {
  return {
    id: 2,
    barcode: ITEM_BARCODE,
    title: 'Middlemarch',
    status: 'available',
    materialTypeCode: 'BOOK',
    materialTypeName: 'Book',
    ...overrides,
  };
}

/** A loan of the item to `patronId`, made the Friday before at 09:30 in Chicago. */
export function buildOpenLoan(patronId: number, overrides: Partial<OpenLoan> = {}): OpenLoan {
  return {
    id: 9,
    patronId,
    patronBarcode: withCheckDigit('2100000000099'),
    patronName: 'Bo Borrower',
    itemTitle: 'Middlemarch',
    checkedOutAt: Date.UTC(2026, 1, 27, 15, 30),
    dueAt: Date.UTC(2026, 2, 14, 5, 59),
    branchTimeZone: 'America/Chicago',
    ...overrides,
  };
}

export function buildFound(overrides: Partial<CheckOutFound> = {}): CheckOutFound {
  return {
    patron: buildPatron(),
    item: buildItem(),
    branch: {
      id: 3,
      code: 'MAIN',
      name: 'Main Library',
      calendar: { timeZone: 'America/Chicago', closedWeekdays: [], closedDates: new Set() },
    },
    openLoan: null,
    loanRule: { loanDays: 14, maxItems: 2 },
    onLoanOfMaterialType: 0,
    itemHold: null,
    patronWaitingHoldId: null,
    ...overrides,
  };
}

// Builders for renewal decisions in tests: a good patron's 14-day loan of a book, renewed never, at
// a Chicago branch open every day, under a rule of 14 days and 2 renewals, unless a test says otherwise.
import type { QueuedHold } from '../holds/holdQueue.ts';
import type { RenewalAsked, RenewalFound, RenewalLoan, RenewalPatron } from './decideRenewal.ts';

/** Monday 2 March 2026, 12:00 in Chicago (CST, UTC−6). */
export const MONDAY_NOON_CHICAGO_MS = Date.UTC(2026, 2, 2, 18, 0, 0);
export const PATRON_ID = 1;
export const TITLE_ID = 40;
export const ITEM_ID = 2;

export function buildRenewalPatron(overrides: Partial<RenewalPatron> = {}): RenewalPatron {
  return {
    id: PATRON_ID,
    barcode: '21000000000010',
    name: 'Ada Reader',
    expiresOn: '2027-01-31',
    blockReason: null,
    ...overrides,
  };
}

/** Checked out the Monday before, due this Monday (2 March 2026, 23:59 in Chicago). */
export function buildRenewalLoan(overrides: Partial<RenewalLoan> = {}): RenewalLoan {
  return {
    id: 9,
    patronId: PATRON_ID,
    itemId: ITEM_ID,
    titleId: TITLE_ID,
    itemBarcode: '31000000000017',
    itemTitle: 'Middlemarch',
    itemStatus: 'on_loan',
    dueAt: Date.UTC(2026, 2, 3, 5, 59, 0),
    renewalCount: 0,
    returnedAt: null,
    ...overrides,
  };
}

export function buildRenewalAsked(overrides: Partial<RenewalAsked> = {}): RenewalAsked {
  return { at: MONDAY_NOON_CHICAGO_MS, override: null, mayOverride: false, ...overrides };
}

export function buildRenewalFound(overrides: Partial<RenewalFound> = {}): RenewalFound {
  return {
    loan: buildRenewalLoan(),
    patron: buildRenewalPatron(),
    loanRule: { loanDays: 14, renewalsAllowed: 2 },
    holds: [],
    calendar: { timeZone: 'America/Chicago', closedWeekdays: [], closedDates: new Set() },
    ...overrides,
  };
}

/** A waiting hold on the title (any copy) by `patronId`, placed on 1 March 2026. */
export function buildQueuedHold(patronId: number, overrides: Partial<QueuedHold> = {}): QueuedHold {
  return {
    id: 100 + patronId,
    patronId,
    titleId: TITLE_ID,
    itemId: null,
    pickupBranchId: 3,
    placedAt: Date.UTC(2026, 2, 1, 15, 0, 0),
    status: 'waiting',
    suspendedUntil: null,
    ...overrides,
  };
}

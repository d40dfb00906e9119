import { describe, expect, it } from 'vitest';
import type { OfflineCheckIn, OfflineInHouseUse, OfflineRenewal } from '../offline/transaction.ts';
import { decideOutcome, type ClaimRules, type ProcessingState } from './index.ts';

const DAY_MS = 86_400_000;
/** Mon 2 Mar 2026 10:00 UTC. */
const AT = Date.UTC(2026, 2, 2, 10);
const RULES: ClaimRules = {
  limits: { receivedAt: AT + DAY_MS, longestLoanDays: 30, specialLoanMaxDays: 365 },
  overridePolicy: 'apply_and_flag',
  renewalRefusal: 'apply_with_warning',
  reviewedBySupervisor: false,
};
const common = {
  id: '0192f3a0-0000-7000-8000-000000000002',
  sequence: 3,
  occurredAt: AT,
  clockOffsetMs: 0,
  workstation: 'DESK-2',
  branchCode: 'MAIN',
  staffUsername: 'desk',
};
const checkIn = (returnedOn?: string): OfflineCheckIn => ({
  ...common,
  type: 'check_in',
  itemBarcode: 'I200',
  ...(returnedOn === undefined ? {} : { returnedOn }),
});
const DUE_AT = Date.UTC(2026, 2, 23, 23, 59);
const renewal: OfflineRenewal = {
  ...common,
  type: 'renewal',
  patronBarcode: 'P1',
  itemBarcode: 'I200',
  dueAt: DUE_AT,
  dueDateBasis: { kind: 'rule', loanDays: 21 },
};
const loan = (overrides: Partial<Loan> = {}): Loan => ({
  loanId: 9,
  patronId: 1,
  patronBarcode: 'P1',
  checkedOutAt: AT - 10 * DAY_MS,
  dueAt: AT + 11 * DAY_MS,
  renewalCount: 0,
  ...overrides,
});
type Loan = NonNullable<NonNullable<ProcessingState['item']>['currentLoan']>;
const state = (
  currentLoan: Loan | null,
  more: Partial<ProcessingState> & { lastReturnedAt?: number | null } = {},
): ProcessingState => ({
  patron: { id: 1, status: 'good', blockReason: null },
  item: {
    id: 2,
    status: currentLoan ? 'on_loan' : 'available',
    currentLoan,
    lastReturnedAt: more.lastReturnedAt ?? null,
  },
  branchTimeZone: 'America/Chicago',
  renewal: { renewalsAllowed: 2, holdWaiting: false },
  ...more,
});

describe('an offline check-in', () => {
  it('closes the loan at 23:59 on the "Returned on" day in the branch’s time zone', () => {
    const decision = decideOutcome(checkIn('2026-02-27'), state(loan()), RULES);
    expect(decision.effects[0]).toEqual({
      kind: 'checkInLoan',
      loanId: 9,
      at: Date.UTC(2026, 1, 28, 5, 59),
    });
    expect(decision.message).toContain('returned on Fri 27 Feb 2026');
  });

  it('never closes it before the loan began, nor after the scan', () => {
    const began = AT - DAY_MS;
    const early = decideOutcome(checkIn('2026-02-01'), state(loan({ checkedOutAt: began })), RULES);
    expect(early.effects[0]).toMatchObject({ at: began });
    const sameDay = decideOutcome(checkIn('2026-03-02'), state(loan()), RULES);
    expect(sameDay.effects[0]).toMatchObject({ at: AT });
  });

  it('notes an item checked in again after it (RETURNED_LATER), changing nothing', () => {
    expect(decideOutcome(checkIn(), state(null, { lastReturnedAt: AT + 1 }), RULES)).toMatchObject({
      outcome: 'noted',
      codes: ['RETURNED_LATER'],
      effects: [],
    });
  });

  it('holds a "Returned on" day after the check-in or over a year before it', () => {
    for (const day of ['2026-03-04', '2025-02-01']) {
      expect(decideOutcome(checkIn(day), state(loan()), RULES)).toMatchObject({
        outcome: 'exception',
        codes: ['TIME_OUT_OF_BOUNDS'],
      });
    }
  });
});

describe('an offline renewal', () => {
  it('extends the loan to the due date told, counting the renewal', () => {
    expect(decideOutcome(renewal, state(loan()), RULES)).toEqual({
      outcome: 'applied',
      codes: [],
      effects: [
        {
          kind: 'renewLoan',
          loanId: 9,
          renewedAt: AT,
          previousDueAt: AT + 11 * DAY_MS,
          dueAt: DUE_AT,
          renewalCount: 1,
        },
      ],
      message: 'Item I200 for patron P1 renewed until Mon 23 Mar 2026.',
    });
  });

  it('warns, or holds as the library sets, when the limit is reached or a hold waits', () => {
    const refused = state(loan({ renewalCount: 2 }), {
      renewal: { renewalsAllowed: 2, holdWaiting: true },
    });
    const warned = decideOutcome(renewal, refused, RULES);
    expect(warned).toMatchObject({
      outcome: 'applied_with_warning',
      codes: ['RENEWAL_LIMIT_REACHED', 'RENEWAL_HOLD_WAITING'],
    });
    expect(warned.effects).toHaveLength(1);
    expect(warned.message).toBe(
      "Item I200 for patron P1 renewed until Mon 23 Mar 2026. A rule would have refused it online. The loan had been renewed 2 times; its loan rule allows 2 times. Another patron's hold is waiting for this item.",
    );
    const held = decideOutcome(renewal, refused, { ...RULES, renewalRefusal: 'exception' });
    expect(held).toMatchObject({
      outcome: 'exception',
      codes: ['RENEWAL_LIMIT_REACHED', 'RENEWAL_HOLD_WAITING'],
      effects: [],
    });
    const reviewed = { ...RULES, renewalRefusal: 'exception' as const, reviewedBySupervisor: true };
    expect(decideOutcome(renewal, refused, reviewed).outcome).toBe('applied_with_warning');
  });

  it('never shortens a loan renewed online to a later date (RENEWED_LATER)', () => {
    expect(decideOutcome(renewal, state(loan({ dueAt: DUE_AT + DAY_MS })), RULES)).toMatchObject({
      outcome: 'noted',
      codes: ['RENEWED_LATER'],
      effects: [],
    });
  });

  it('keeps a renewal of an item not on loan to that patron, or of unknown barcodes', () => {
    for (const current of [null, loan({ patronId: 5, patronBarcode: 'P5' })]) {
      expect(decideOutcome(renewal, state(current), RULES)).toMatchObject({
        outcome: 'exception',
        codes: ['NOT_ON_LOAN_TO_PATRON'],
      });
    }
    expect(
      decideOutcome(renewal, { ...state(null), patron: null, item: null }, RULES),
    ).toMatchObject({
      outcome: 'exception',
      codes: ['UNKNOWN_PATRON', 'UNKNOWN_ITEM'],
    });
  });

  it('holds a due date past the longest loan the library allows', () => {
    const far = { ...renewal, dueAt: AT + 90 * DAY_MS };
    expect(decideOutcome(far, state(loan()), RULES)).toMatchObject({
      outcome: 'exception',
      codes: ['DUE_DATE_OUT_OF_BOUNDS'],
    });
  });
});

describe('an offline in-house use', () => {
  const use: OfflineInHouseUse = { ...common, type: 'in_house_use', itemBarcode: 'I200', count: 4 };
  it('adds its count to the item, and keeps an unknown item as an exception', () => {
    expect(decideOutcome(use, state(null), RULES)).toEqual({
      outcome: 'applied',
      codes: [],
      effects: [{ kind: 'addInHouseUses', itemId: 2, count: 4 }],
      message: '4 in-house uses of item I200 counted.',
    });
    expect(decideOutcome(use, { ...state(null), item: null }, RULES)).toMatchObject({
      outcome: 'exception',
      codes: ['UNKNOWN_ITEM'],
    });
  });
});

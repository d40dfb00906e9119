import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemStatus, PatronStatus } from '../api/circulation.ts';
import type { OfflineTransaction } from '../offline/transaction.ts';
import { arbitraryTransaction } from '../offlineFile/arbitraries.testing.ts';
import { Decision, decideOutcome, type ClaimRules, type ProcessingState } from './index.ts';

const OCCURRED_AT = 1_780_000_000_000;
const OFFSET_MS = 2_000;
const AT = OCCURRED_AT + OFFSET_MS;
const DUE_AT = 1_781_900_000_000;
/** Within every bound: received an hour after the loans, the longest loan 30 days. */
const RULES: ClaimRules = {
  limits: { receivedAt: AT + 3_600_000, longestLoanDays: 30, specialLoanMaxDays: 365 },
  overridePolicy: 'apply_and_flag',
  renewalRefusal: 'apply_with_warning',
  reviewedBySupervisor: false,
};

const common = {
  id: '0192f3a0-0000-7000-8000-000000000001',
  sequence: 7,
  occurredAt: OCCURRED_AT,
  clockOffsetMs: OFFSET_MS,
  workstation: 'DESK-2',
  branchCode: 'MAIN',
  staffUsername: 'desk',
};
const checkOut: OfflineTransaction = {
  ...common,
  type: 'check_out',
  patronBarcode: 'P100',
  itemBarcode: 'I200',
  dueAt: DUE_AT,
  dueDateBasis: { kind: 'rule', loanDays: 21 },
};
const checkIn: OfflineTransaction = { ...common, type: 'check_in', itemBarcode: 'I200' };

type Patron = NonNullable<ProcessingState['patron']>;
type Item = NonNullable<ProcessingState['item']>;
const buildPatron = (overrides: Partial<Patron> = {}): Patron => ({
  id: 1,
  status: 'good',
  blockReason: null,
  ...overrides,
});
const buildItem = (overrides: Partial<Item> = {}): Item => ({
  id: 2,
  status: 'available',
  currentLoan: null,
  lastReturnedAt: null,
  ...overrides,
});
const loanTo = (patronId: number, checkedOutAt = AT - 86_400_000) => ({
  loanId: 9,
  patronId,
  patronBarcode: `P${patronId}`,
  checkedOutAt,
  dueAt: checkedOutAt + 21 * 86_400_000,
  renewalCount: 0,
});

describe('decideOutcome for a check-out', () => {
  it('makes the loan at the corrected time with the due date recorded offline', () => {
    expect(decideOutcome(checkOut, { patron: buildPatron(), item: buildItem() }, RULES)).toEqual({
      outcome: 'applied',
      codes: [],
      effects: [
        { kind: 'createLoan', patronId: 1, itemId: 2, checkedOutAt: AT, dueAt: DUE_AT },
        { kind: 'setItemStatus', itemId: 2, status: 'on_loan' },
      ],
      message: 'Item I200 checked out to patron P100.',
    });
  });

  it('checks in the loan of another patron at the offline time, then lends, naming who had it', () => {
    const item = buildItem({ status: 'on_loan', currentLoan: loanTo(5) });
    const decision = decideOutcome(checkOut, { patron: buildPatron(), item }, RULES);
    expect(decision).toMatchObject({
      outcome: 'applied_with_warning',
      codes: ['CHECKED_IN_FROM_OTHER_PATRON'],
      previousPatronBarcode: 'P5',
      effects: [
        { kind: 'checkInLoan', loanId: 9, at: AT },
        { kind: 'createLoan', patronId: 1, itemId: 2, checkedOutAt: AT, dueAt: DUE_AT },
        { kind: 'setItemStatus', itemId: 2, status: 'on_loan' },
      ],
    });
    expect(decision.message).toContain('It was on loan to patron P5');
  });

  it('keeps the loan when the item is already on loan to the same patron', () => {
    const item = buildItem({ status: 'on_loan', currentLoan: loanTo(1) });
    expect(decideOutcome(checkOut, { patron: buildPatron(), item }, RULES)).toMatchObject({
      outcome: 'noted',
      codes: ['ALREADY_ON_LOAN_TO_PATRON'],
      effects: [],
    });
  });

  it('leaves alone a loan that began after the offline check-out', () => {
    const item = buildItem({ status: 'on_loan', currentLoan: loanTo(5, AT + 1) });
    expect(decideOutcome(checkOut, { patron: buildPatron(), item }, RULES)).toMatchObject({
      outcome: 'noted',
      codes: ['LENT_AGAIN_LATER'],
      effects: [],
      previousPatronBarcode: 'P5',
    });
  });

  it('lends to an expired or blocked patron, with a warning', () => {
    const expired = decideOutcome(
      checkOut,
      {
        patron: buildPatron({ status: 'expired' }),
        item: buildItem(),
      },
      RULES,
    );
    expect(expired).toMatchObject({ outcome: 'applied_with_warning', codes: ['PATRON_EXPIRED'] });
    expect(expired.effects.map((e) => e.kind)).toEqual(['createLoan', 'setItemStatus']);
    const blocked = decideOutcome(
      checkOut,
      {
        patron: buildPatron({ status: 'blocked', blockReason: 'Unpaid fines' }),
        item: buildItem(),
      },
      RULES,
    );
    expect(blocked).toMatchObject({ codes: ['PATRON_BLOCKED'] });
    expect(blocked.message).toContain('blocked (Unpaid fines)');
  });

  it('lends an item marked lost, with a warning, and puts it on loan', () => {
    const decision = decideOutcome(
      checkOut,
      {
        patron: buildPatron({ status: 'expired' }),
        item: buildItem({ status: 'lost' }),
      },
      RULES,
    );
    expect(decision).toMatchObject({
      outcome: 'applied_with_warning',
      codes: ['PATRON_EXPIRED', 'ITEM_STATUS_LOST'],
    });
    expect(decision.effects.at(-1)).toEqual({
      kind: 'setItemStatus',
      itemId: 2,
      status: 'on_loan',
    });
  });

  it('keeps an unknown patron or item as an exception that changes nothing', () => {
    expect(decideOutcome(checkOut, { patron: null, item: buildItem() }, RULES)).toMatchObject({
      outcome: 'exception',
      codes: ['UNKNOWN_PATRON'],
      effects: [],
      message: expect.stringContaining('patron barcode P100 is not known'),
    });
    expect(decideOutcome(checkOut, { patron: null, item: null }, RULES)).toMatchObject({
      outcome: 'exception',
      codes: ['UNKNOWN_PATRON', 'UNKNOWN_ITEM'],
      message: expect.stringContaining('patron barcode P100 and item barcode I200 are not known'),
    });
  });
});

describe('decideOutcome for what only a supervisor may do online', () => {
  const onLoanElsewhere = buildItem({ status: 'on_loan', currentLoan: loanTo(3) });

  it('applies and flags it for review by default, keeping the loan the patron really has', () => {
    const decision = decideOutcome(
      checkOut,
      { patron: buildPatron(), item: onLoanElsewhere },
      RULES,
    );
    expect(decision).toMatchObject({
      outcome: 'applied_with_warning',
      codes: ['CHECKED_IN_FROM_OTHER_PATRON'],
      supervisorReview: true,
    });
    const blockedLost = decideOutcome(
      checkOut,
      { patron: buildPatron({ status: 'blocked' }), item: buildItem({ status: 'lost' }) },
      RULES,
    );
    expect(blockedLost.supervisorReview).toBe(true);
    const expired = decideOutcome(
      checkOut,
      { patron: buildPatron({ status: 'expired' }), item: buildItem() },
      RULES,
    );
    expect(expired.supervisorReview).toBeUndefined();
  });

  it('holds it for a supervisor when the library says so, and a supervisor’s re-apply makes it', () => {
    const held = decideOutcome(
      checkOut,
      { patron: buildPatron(), item: onLoanElsewhere },
      { ...RULES, overridePolicy: 'hold' },
    );
    expect(held).toMatchObject({
      outcome: 'exception',
      codes: ['HELD_FOR_SUPERVISOR', 'CHECKED_IN_FROM_OTHER_PATRON'],
      effects: [],
      supervisorReview: true,
      previousPatronBarcode: 'P3',
    });
    const applied = decideOutcome(
      checkOut,
      { patron: buildPatron(), item: onLoanElsewhere },
      { ...RULES, overridePolicy: 'hold', reviewedBySupervisor: true },
    );
    expect(applied.outcome).toBe('applied_with_warning');
    expect(applied.supervisorReview).toBeUndefined();
  });
});

describe('decideOutcome for a check-in', () => {
  it('checks the loan in at the corrected time and makes the item available', () => {
    const item = buildItem({ status: 'on_loan', currentLoan: loanTo(5) });
    expect(decideOutcome(checkIn, { patron: null, item }, RULES)).toEqual({
      outcome: 'applied',
      codes: [],
      effects: [
        { kind: 'checkInLoan', loanId: 9, at: AT },
        { kind: 'setItemStatus', itemId: 2, status: 'available' },
      ],
      message: 'Item I200 checked in from patron P5.',
      previousPatronBarcode: 'P5',
    });
  });

  it('applies a check-in of an item not on loan with a warning, finding a lost one again', () => {
    expect(decideOutcome(checkIn, { patron: null, item: buildItem() }, RULES)).toMatchObject({
      outcome: 'applied_with_warning',
      codes: ['ITEM_NOT_ON_LOAN'],
      effects: [],
      message: 'Item I200 checked in. It was not on loan; check where it came from.',
    });
    const lost = decideOutcome(
      checkIn,
      { patron: null, item: buildItem({ status: 'lost' }) },
      RULES,
    );
    expect(lost).toMatchObject({ codes: ['ITEM_NOT_ON_LOAN', 'ITEM_STATUS_LOST'] });
    expect(lost.effects).toEqual([{ kind: 'setItemStatus', itemId: 2, status: 'available' }]);
  });

  it('never checks in a loan that began after the check-in happened', () => {
    const item = buildItem({ status: 'on_loan', currentLoan: loanTo(5, AT + 1) });
    expect(decideOutcome(checkIn, { patron: null, item }, RULES)).toMatchObject({
      outcome: 'noted',
      codes: ['LENT_AGAIN_LATER'],
      effects: [],
    });
  });

  it('finds a lost item again but leaves a damaged one for staff', () => {
    const lost = decideOutcome(
      checkIn,
      {
        patron: null,
        item: buildItem({ status: 'lost', currentLoan: loanTo(5) }),
      },
      RULES,
    );
    expect(lost).toMatchObject({ outcome: 'applied_with_warning', codes: ['ITEM_STATUS_LOST'] });
    expect(lost.effects).toContainEqual({ kind: 'setItemStatus', itemId: 2, status: 'available' });
    const damaged = decideOutcome(
      checkIn,
      {
        patron: null,
        item: buildItem({ status: 'damaged', currentLoan: loanTo(5) }),
      },
      RULES,
    );
    expect(damaged).toMatchObject({ codes: ['ITEM_STATUS_DAMAGED'] });
    expect(damaged.effects).toEqual([{ kind: 'checkInLoan', loanId: 9, at: AT }]);
  });

  it('keeps an unknown item as an exception', () => {
    expect(decideOutcome(checkIn, { patron: null, item: null }, RULES)).toMatchObject({
      outcome: 'exception',
      codes: ['UNKNOWN_ITEM'],
      effects: [],
    });
  });
});

describe('decideOutcome for a payment', () => {
  it('notes it as not supported, changing nothing', () => {
    const payment: OfflineTransaction = {
      ...common,
      type: 'payment',
      patronBarcode: 'P100',
      amount: '2.50',
    };
    expect(decideOutcome(payment, { patron: buildPatron(), item: null }, RULES)).toMatchObject({
      outcome: 'noted',
      codes: ['PAYMENT_NOT_SUPPORTED'],
      effects: [],
      message: expect.stringContaining('Payment of 2.50 from patron P100 was not recorded'),
    });
  });
});

const arbitraryState: fc.Arbitrary<ProcessingState> = fc.record({
  patron: fc.option(
    fc.record({
      id: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom(...PatronStatus.options),
      blockReason: fc.option(fc.string()),
    }),
  ),
  item: fc.option(
    fc.record({
      id: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom(...ItemStatus.options),
      currentLoan: fc.option(
        fc.record({
          loanId: fc.nat(),
          patronId: fc.integer({ min: 1, max: 3 }),
          patronBarcode: fc.string({ minLength: 1 }),
          checkedOutAt: fc.integer({ min: 1_577_836_800_000, max: 1_893_456_000_000 }),
          dueAt: fc.integer({ min: 1_577_836_800_000, max: 1_893_456_000_000 }),
          renewalCount: fc.nat({ max: 5 }),
        }),
      ),
      lastReturnedAt: fc.option(fc.integer({ min: 1_577_836_800_000, max: 1_893_456_000_000 })),
    }),
  ),
});

/** Rules whose bounds every generated transaction is within: these properties are about the rest. */
const rulesWithin = (t: OfflineTransaction): ClaimRules => ({
  limits: {
    receivedAt: t.occurredAt + t.clockOffsetMs,
    longestLoanDays: 100_000_000,
    specialLoanMaxDays: 100_000_000,
  },
  overridePolicy: 'apply_and_flag',
  renewalRefusal: 'apply_with_warning',
  reviewedBySupervisor: false,
});

describe('decideOutcome properties', () => {
  it('gives every transaction exactly one valid outcome, and changes nothing unless applied', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbitraryTransaction({ realisticTimes: true }), arbitraryState), {
          maxLength: 20,
        }),
        (batch) => {
          const decisions = batch.map(([t, state]) =>
            Decision.parse(decideOutcome(t, state, rulesWithin(t))),
          );
          expect(decisions).toHaveLength(batch.length);
          for (const d of decisions) {
            const applied = d.outcome === 'applied' || d.outcome === 'applied_with_warning';
            expect(applied || d.effects.length === 0).toBe(true);
            expect(d.codes.length === 0).toBe(d.outcome === 'applied');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the offline due date and never checks a loan in before it began', () => {
    fc.assert(
      fc.property(arbitraryTransaction({ realisticTimes: true }), arbitraryState, (t, state) => {
        const at = t.occurredAt + t.clockOffsetMs;
        const { effects } = decideOutcome(t, state, rulesWithin(t));
        const loans = effects.filter((e) => e.kind === 'createLoan');
        const checkIns = effects.filter((e) => e.kind === 'checkInLoan');
        const dueAt = t.type === 'check_out' ? t.dueAt : undefined;
        expect(loans.every((e) => e.checkedOutAt === at && e.dueAt === dueAt)).toBe(true);
        const loanStart = state.item?.currentLoan?.checkedOutAt ?? 0;
        expect(checkIns.every((e) => e.at === at && e.at >= loanStart)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

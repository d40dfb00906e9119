import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTransaction } from '../offlineFile/arbitraries.testing.ts';
import { decideOutcome, type ClaimRules } from '../processing/index.ts';
import { correctedTime } from '../processing/order.ts';
import {
  claimHolds,
  CLOSED_DAYS_SLACK_DAYS,
  latestDueAt,
  MAX_CLAIM_AGE_MS,
  MAX_CLOCK_SKEW_MS,
  refuseDeskClaims,
  type ClaimLimits,
} from './claims.ts';
import type { OfflineCheckOut } from './transaction.ts';

const DAY_MS = 86_400_000;
const RECEIVED_AT = Date.UTC(2026, 2, 3, 9, 0, 0);
const LIMITS: ClaimLimits = {
  receivedAt: RECEIVED_AT,
  longestLoanDays: 28,
  specialLoanMaxDays: 90,
};

const checkOut = (fields: Partial<OfflineCheckOut> = {}): OfflineCheckOut => ({
  id: '0192f3a0-0000-7000-8000-000000000001',
  sequence: 1,
  occurredAt: RECEIVED_AT - DAY_MS,
  clockOffsetMs: 0,
  workstation: 'DESK-1',
  branchCode: 'MAIN',
  staffUsername: 'desk',
  type: 'check_out',
  patronBarcode: 'P1',
  itemBarcode: 'I1',
  dueAt: RECEIVED_AT + 20 * DAY_MS,
  dueDateBasis: { kind: 'rule', loanDays: 21 },
  ...fields,
});
const holdsOf = (t: OfflineCheckOut) => claimHolds(t, correctedTime(t), LIMITS).map((h) => h.code);

describe('refuseDeskClaims', () => {
  it('accepts check-outs recorded at the sender’s workstation', () => {
    expect(refuseDeskClaims([checkOut(), checkOut()], 'DESK-1')).toEqual([]);
  });

  it('accepts the check-ins, renewals and in-house uses the offline client records', () => {
    const types = ['check_in', 'renewal', 'in_house_use'] as const;
    expect(
      refuseDeskClaims(
        types.map((type) => ({ type, workstation: 'DESK-1' })),
        'DESK-1',
      ),
    ).toEqual([]);
  });

  it('names each transaction from another workstation, and each type the offline client never records', () => {
    const refusals = refuseDeskClaims(
      [
        checkOut(),
        checkOut({ workstation: 'MAIN-DESK-1' }),
        { type: 'check_in', workstation: 'DESK-1' },
        { type: 'payment', workstation: '\u202eKSED' },
        { type: 'registration', workstation: 'DESK-1' },
      ],
      'DESK-1',
    );
    expect(refusals.map((r) => [r.index, r.field])).toEqual([
      [1, 'workstation'],
      [3, 'type'],
      [3, 'workstation'],
    ]);
    expect(refusals[0]?.message).toBe(
      'it names workstation MAIN-DESK-1, but it was sent from DESK-1',
    );
  });
});

describe('claimHolds', () => {
  it('holds nothing for a loan recorded during the outage and due within the longest loan', () => {
    expect(holdsOf(checkOut())).toEqual([]);
  });

  it('holds a due date past the longest loan plus closed days, or before the check-out', () => {
    const at = RECEIVED_AT - DAY_MS;
    const latest = at + (28 + CLOSED_DAYS_SLACK_DAYS + 1) * DAY_MS;
    expect(holdsOf(checkOut({ dueAt: latest }))).toEqual([]);
    expect(holdsOf(checkOut({ dueAt: latest + 1 }))).toEqual(['DUE_DATE_OUT_OF_BOUNDS']);
    expect(holdsOf(checkOut({ dueAt: 8_640_000_000_000_000 }))).toEqual(['DUE_DATE_OUT_OF_BOUNDS']);
    expect(holdsOf(checkOut({ dueAt: at - 2 * DAY_MS }))).toEqual(['DUE_DATE_OUT_OF_BOUNDS']);
  });

  it('bounds a Special Loan by the library’s maximum for Special Loans instead', () => {
    const special = { kind: 'special_loan', days: 80 } as const;
    const at = RECEIVED_AT - DAY_MS;
    expect(holdsOf(checkOut({ dueDateBasis: special, dueAt: at + 80 * DAY_MS }))).toEqual([]);
    expect(holdsOf(checkOut({ dueDateBasis: special, dueAt: at + (90 + 17) * DAY_MS }))).toEqual([
      'DUE_DATE_OUT_OF_BOUNDS',
    ]);
  });

  it('holds a time in the future beyond the clock skew, or older than any outage', () => {
    const future = RECEIVED_AT + MAX_CLOCK_SKEW_MS;
    expect(holdsOf(checkOut({ occurredAt: future, dueAt: future + DAY_MS }))).toEqual([]);
    expect(holdsOf(checkOut({ occurredAt: future + 1, dueAt: future + DAY_MS }))).toEqual([
      'TIME_OUT_OF_BOUNDS',
    ]);
    // The clock offset is part of the claim: it cannot carry a time past the bound either.
    expect(holdsOf(checkOut({ clockOffsetMs: 2 * MAX_CLOCK_SKEW_MS }))).toEqual([]);
    expect(
      holdsOf(checkOut({ occurredAt: RECEIVED_AT, clockOffsetMs: MAX_CLOCK_SKEW_MS + 1 })),
    ).toEqual(['TIME_OUT_OF_BOUNDS']);
    const old = RECEIVED_AT - MAX_CLAIM_AGE_MS - 1;
    expect(holdsOf(checkOut({ occurredAt: old, dueAt: old + DAY_MS }))).toEqual([
      'TIME_OUT_OF_BOUNDS',
    ]);
  });

  it('holds a time before the snapshot it was recorded with, less the clock skew', () => {
    const at = RECEIVED_AT - DAY_MS;
    const dueAt = at + 20 * DAY_MS;
    expect(holdsOf(checkOut({ occurredAt: at, dueAt, snapshotAt: at - 1 }))).toEqual([]);
    expect(
      holdsOf(checkOut({ occurredAt: at, dueAt, snapshotAt: at + MAX_CLOCK_SKEW_MS })),
    ).toEqual([]);
    expect(
      holdsOf(checkOut({ occurredAt: at, dueAt, snapshotAt: at + MAX_CLOCK_SKEW_MS + 1 })),
    ).toEqual(['TIME_OUT_OF_BOUNDS']);
    const [hold] = claimHolds(
      checkOut({ occurredAt: at, dueAt, snapshotAt: at + DAY_MS / 2 }),
      at,
      LIMITS,
    );
    expect(hold?.message).toMatch(/before the snapshot it was recorded with was made/);
  });

  it('holds a snapshot time later than the upload’s arrival plus the clock skew', () => {
    const future = RECEIVED_AT + MAX_CLOCK_SKEW_MS;
    const recorded = { occurredAt: future, dueAt: future + DAY_MS };
    expect(holdsOf(checkOut({ ...recorded, snapshotAt: future }))).toEqual([]);
    const late = checkOut({ ...recorded, snapshotAt: future + 1 });
    const [hold] = claimHolds(late, future, LIMITS);
    expect(hold?.code).toBe('TIME_OUT_OF_BOUNDS');
    expect(hold?.message).toMatch(/recorded with a snapshot from .*, after it reached the server/);
  });
});

const rules = (overrides: Partial<ClaimLimits>): ClaimRules => ({
  limits: { ...LIMITS, ...overrides },
  overridePolicy: 'apply_and_flag',
  renewalRefusal: 'apply_with_warning',
  reviewedBySupervisor: false,
});

describe('what processing accepts', () => {
  const state = {
    patron: { id: 1, status: 'good' as const, blockReason: null },
    item: { id: 2, status: 'available' as const, currentLoan: null, lastReturnedAt: null },
  };

  it('never makes a loan due past the bound, nor at a time out of bounds, reviewed or not', () => {
    let loans = 0;
    fc.assert(
      fc.property(
        arbitraryTransaction({ realisticTimes: true }),
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        (t, receivedAfter, longestLoanDays, specialLoanMaxDays, reviewedBySupervisor) => {
          const receivedAt = correctedTime(t) + receivedAfter - 200 * DAY_MS;
          const claim = {
            ...rules({ receivedAt, longestLoanDays, specialLoanMaxDays }),
            reviewedBySupervisor,
          };
          const decision = decideOutcome(t, state, claim);
          for (const effect of decision.effects) {
            if (effect.kind !== 'createLoan' || t.type !== 'check_out') continue;
            loans += 1;
            const bound = latestDueAt(effect.checkedOutAt, t.dueDateBasis, claim.limits);
            expect(effect.dueAt).toBeLessThanOrEqual(bound);
            expect(effect.checkedOutAt).toBeLessThanOrEqual(receivedAt + MAX_CLOCK_SKEW_MS);
            // A supervisor may apply an old claim; nothing else makes a loan from one.
            const earliest = reviewedBySupervisor ? -Infinity : receivedAt - MAX_CLAIM_AGE_MS;
            expect(effect.checkedOutAt).toBeGreaterThanOrEqual(earliest);
            // Nor one from before the snapshot it was recorded with.
            const afterSnapshot =
              reviewedBySupervisor || t.snapshotAt === undefined
                ? -Infinity
                : t.snapshotAt - MAX_CLOCK_SKEW_MS;
            expect(effect.checkedOutAt).toBeGreaterThanOrEqual(afterSnapshot);
          }
        },
      ),
      { numRuns: 1_000 },
    );
    // Not vacuous: many of the generated claims are within bounds and become loans.
    expect(loans).toBeGreaterThan(50);
  });
});

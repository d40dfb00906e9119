// Properties of offline processing against a model of one item: online check-outs and check-ins,
// holds placed, and offline check-outs, check-ins and renewals processed in any interleaving with
// them, each as old as an outage makes it. However they interleave, the item has at most one open
// loan, no offline check-in closes a loan that began after it, and no hold is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfflineTransaction } from '../offline/transaction.ts';
import { decideOutcome, type ClaimRules, type ProcessingEffect } from './index.ts';
import { settleTrappedHolds } from './settleHolds.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const START = Date.UTC(2026, 2, 2, 9);
const ITEM_ID = 1;

interface ModelLoan {
  loanId: number;
  patronId: number;
  checkedOutAt: number;
  dueAt: number;
  returnedAt: number | null;
  renewalCount: number;
}
interface ModelHold {
  holdId: number;
  patronId: number;
  status: 'waiting' | 'on_shelf' | 'fulfilled';
  fulfilledLoanId: number | null;
}

type Step =
  | { kind: 'onlineCheckOut'; patronId: number; advance: number }
  | { kind: 'onlineCheckIn'; advance: number }
  | { kind: 'placeHold'; patronId: number; advance: number }
  | { kind: 'offlineCheckOut'; patronId: number; age: number; advance: number }
  | { kind: 'offlineCheckIn'; age: number; returnedDaysBefore: number | null; advance: number }
  | { kind: 'offlineRenewal'; patronId: number; age: number; advance: number };

const patronId = fc.integer({ min: 1, max: 3 });
const advance = fc.integer({ min: 1, max: 6 * HOUR_MS });
const age = fc.integer({ min: 0, max: 3 * DAY_MS });
const arbitraryStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('onlineCheckOut' as const), patronId, advance }),
  fc.record({ kind: fc.constant('onlineCheckIn' as const), advance }),
  fc.record({ kind: fc.constant('placeHold' as const), patronId, advance }),
  fc.record({ kind: fc.constant('offlineCheckOut' as const), patronId, age, advance }),
  fc.record({
    kind: fc.constant('offlineCheckIn' as const),
    age,
    returnedDaysBefore: fc.option(fc.integer({ min: 0, max: 5 })),
    advance,
  }),
  fc.record({ kind: fc.constant('offlineRenewal' as const), patronId, age, advance }),
);

class ItemModel {
  clock = START;
  loans: ModelLoan[] = [];
  holds: ModelHold[] = [];
  /** Every loan an offline check-in closed: [check-in time, the loan, when it was closed]. */
  offlineReturns: { checkInAt: number; loan: ModelLoan; at: number }[] = [];
  /** Effects that should never be made: a closed loan closed again, a renewal shortening a loan. */
  wrongEffects: ProcessingEffect[] = [];
  private nextId = 1;

  openLoan(): ModelLoan | undefined {
    return this.loans.find((loan) => loan.returnedAt === null);
  }

  lend(patron: number, at: number, dueAt: number): number {
    const loanId = this.nextId++;
    this.loans.push({
      loanId,
      patronId: patron,
      checkedOutAt: at,
      dueAt,
      returnedAt: null,
      renewalCount: 0,
    });
    this.settleHolds();
    return loanId;
  }

  /** The copy is back: the first waiting hold catches it (routing). */
  route(): void {
    const waiting = this.holds.find((hold) => hold.status === 'waiting');
    if (waiting && !this.openLoan() && !this.holds.some((h) => h.status === 'on_shelf')) {
      waiting.status = 'on_shelf';
    }
  }

  settleHolds(): void {
    const open = this.openLoan();
    const traps = this.holds.filter((hold) => hold.status === 'on_shelf');
    const settlements = settleTrappedHolds(
      traps.map((hold) => ({
        holdId: hold.holdId,
        patronId: hold.patronId,
        trappedItemId: ITEM_ID,
      })),
      open ? [{ loanId: open.loanId, itemId: ITEM_ID, patronId: open.patronId }] : [],
    );
    for (const settlement of settlements) {
      const hold = this.holds.find((h) => h.holdId === settlement.holdId) as ModelHold;
      hold.status = settlement.becomes;
      hold.fulfilledLoanId = settlement.becomes === 'fulfilled' ? settlement.loanId : null;
    }
  }

  apply(step: Step): void {
    this.clock += step.advance;
    const now = this.clock;
    switch (step.kind) {
      case 'onlineCheckOut': {
        const open = this.openLoan();
        if (open?.patronId === step.patronId) return;
        if (open) open.returnedAt = now;
        this.lend(step.patronId, now, now + 21 * DAY_MS);
        return;
      }
      case 'onlineCheckIn': {
        const open = this.openLoan();
        if (open) open.returnedAt = now;
        this.route();
        return;
      }
      case 'placeHold':
        this.holds.push({
          holdId: this.nextId++,
          patronId: step.patronId,
          status: 'waiting',
          fulfilledLoanId: null,
        });
        return;
      default:
        this.processOffline(step, now - step.age);
    }
  }

  private processOffline(step: Extract<Step, { kind: `offline${string}` }>, at: number): void {
    const common = {
      id: '0192f3a0-0000-7000-8000-000000000003',
      sequence: 1,
      occurredAt: at,
      clockOffsetMs: 0,
      workstation: 'DESK-1',
      branchCode: 'MAIN',
      staffUsername: 'desk',
    };
    const dueDateBasis = { kind: 'rule' as const, loanDays: 21 };
    const t: OfflineTransaction =
      step.kind === 'offlineCheckOut'
        ? {
            ...common,
            type: 'check_out',
            patronBarcode: `P${step.patronId}`,
            itemBarcode: 'I1',
            dueAt: at + 21 * DAY_MS,
            dueDateBasis,
          }
        : step.kind === 'offlineRenewal'
          ? {
              ...common,
              type: 'renewal',
              patronBarcode: `P${step.patronId}`,
              itemBarcode: 'I1',
              dueAt: at + 21 * DAY_MS,
              dueDateBasis,
            }
          : {
              ...common,
              type: 'check_in',
              itemBarcode: 'I1',
              ...(step.returnedDaysBefore === null
                ? {}
                : {
                    returnedOn: new Date(at - step.returnedDaysBefore * DAY_MS)
                      .toISOString()
                      .slice(0, 10),
                  }),
            };
    const open = this.openLoan();
    const returned = this.loans.flatMap((loan) => loan.returnedAt ?? []);
    const patron = 'patronBarcode' in t ? Number(t.patronBarcode.slice(1)) : null;
    const rules: ClaimRules = {
      limits: { receivedAt: this.clock, longestLoanDays: 30, specialLoanMaxDays: 365 },
      overridePolicy: 'apply_and_flag',
      renewalRefusal: 'apply_with_warning',
      reviewedBySupervisor: false,
    };
    const decision = decideOutcome(
      t,
      {
        patron: patron === null ? null : { id: patron, status: 'good', blockReason: null },
        item: {
          id: ITEM_ID,
          status: open ? 'on_loan' : 'available',
          currentLoan: open ? { ...open, patronBarcode: `P${open.patronId}` } : null,
          lastReturnedAt: returned.length === 0 ? null : Math.max(...returned),
        },
        branchTimeZone: 'UTC',
        renewal: { renewalsAllowed: 2, holdWaiting: false },
      },
      rules,
    );
    for (const effect of decision.effects) this.stage(effect, t, at);
    const applies = decision.outcome === 'applied' || decision.outcome === 'applied_with_warning';
    if (t.type === 'check_in' && applies) this.route();
  }

  private stage(effect: ProcessingEffect, t: OfflineTransaction, at: number): void {
    switch (effect.kind) {
      case 'checkInLoan': {
        const loan = this.loans.find((l) => l.loanId === effect.loanId);
        if (loan?.returnedAt !== null) this.wrongEffects.push(effect);
        (loan as ModelLoan).returnedAt = effect.at;
        if (t.type === 'check_in')
          this.offlineReturns.push({
            checkInAt: at,
            loan: { ...(loan as ModelLoan) },
            at: effect.at,
          });
        return;
      }
      case 'createLoan':
        this.lend(effect.patronId, effect.checkedOutAt, effect.dueAt);
        return;
      case 'renewLoan': {
        const loan = this.loans.find((l) => l.loanId === effect.loanId) as ModelLoan;
        if (effect.dueAt <= loan.dueAt) this.wrongEffects.push(effect);
        loan.dueAt = effect.dueAt;
        loan.renewalCount = effect.renewalCount;
        return;
      }
      case 'setItemStatus':
      case 'addInHouseUses':
        return;
    }
  }
}

describe('offline processing interleaved with online work on one item', () => {
  it('leaves at most one open loan, never closes a later loan, and loses no hold', () => {
    fc.assert(
      fc.property(fc.array(arbitraryStep, { maxLength: 40 }), (steps) => {
        const model = new ItemModel();
        for (const s of steps) {
          const holdsBefore = model.holds.map((h) => h.holdId);
          model.apply(s);
          expect(model.loans.filter((loan) => loan.returnedAt === null).length).toBeLessThanOrEqual(
            1,
          );
          const returned = model.loans.filter((loan) => loan.returnedAt !== null);
          expect(returned.every((loan) => (loan.returnedAt as number) >= loan.checkedOutAt)).toBe(
            true,
          );
          expect(model.wrongEffects).toEqual([]);
          for (const { checkInAt, loan, at } of model.offlineReturns) {
            expect(loan.checkedOutAt).toBeLessThanOrEqual(checkInAt);
            expect(at).toBeLessThanOrEqual(checkInAt);
          }
          expect(model.holds.map((h) => h.holdId).slice(0, holdsBefore.length)).toEqual(
            holdsBefore,
          );
          const fulfilled = model.holds.filter((hold) => hold.status === 'fulfilled');
          for (const hold of fulfilled) {
            const loan = model.loans.find((l) => l.loanId === hold.fulfilledLoanId);
            expect(loan?.patronId).toBe(hold.patronId);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('settleTrappedHolds', () => {
  it('fulfils only the borrower’s own hold and returns every other to waiting', () => {
    const trap = fc.record({
      holdId: fc.nat(),
      patronId: fc.integer({ min: 1, max: 4 }),
      trappedItemId: fc.integer({ min: 1, max: 4 }),
    });
    const loan = fc.record({
      loanId: fc.nat(),
      itemId: fc.integer({ min: 1, max: 4 }),
      patronId: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(trap, { maxLength: 8 }),
        fc.uniqueArray(loan, { selector: (l) => l.itemId, maxLength: 4 }),
        (traps, loans) => {
          const settled = settleTrappedHolds(traps, loans);
          expect(settled.map((s) => s.holdId)).toEqual(traps.map((t) => t.holdId));
          settled.forEach((settlement, index) => {
            const hold = traps[index] as (typeof traps)[number];
            const lent = loans.find((l) => l.itemId === hold.trappedItemId);
            expect(settlement.becomes).toBe(
              lent?.patronId === hold.patronId ? 'fulfilled' : 'waiting',
            );
          });
        },
      ),
    );
  });
});

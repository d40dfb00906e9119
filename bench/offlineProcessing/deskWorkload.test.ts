// The whole-desk workload keeps the mix and makes sense as a desk's day: a check-in brings
// back an item that is out, a renewal is asked for by the patron who has the loan, a new card is
// registered before it borrows, and each hold waits for an item a check-in brings back.
import { describe, expect, it } from 'vitest';
import { demoBarcode } from '../../src/server/demo/collection.ts';
import {
  catchesHold,
  createDeskWorkload,
  deskKindOf,
  deskLoansBeforeNeeded,
  deskShelfItemsNeeded,
  loanBefore,
  type DeskPools,
} from './deskWorkload.ts';
import { kindOf } from './workload.ts';

const TOTAL = 20_000;

function pools(total: number): DeskPools {
  const patrons = Array.from({ length: 500 }, (_, k) => demoBarcode('patron', k));
  const addedItems = deskShelfItemsNeeded(total);
  return {
    branchCode: 'MAIN',
    staffUsername: 'desk',
    patrons,
    shelf: { demo: Array.from({ length: 300 }, (_, k) => demoBarcode('item', k)), firstAdded: 300 },
    onLoanBefore: Array.from({ length: 50 }, (_, k) => demoBarcode('item', 900_000 + k)),
    inGoodStanding: patrons.slice(0, 400),
    patronTypeCodes: ['ADULT', 'CHILD'],
    branchCodes: ['EAST', 'MAIN', 'MOBILE'],
    before: {
      count: deskLoansBeforeNeeded(total),
      firstItem: 300 + addedItems,
      borrowers: patrons.slice(0, 400),
    },
  };
}

describe('the whole-desk workload', () => {
  it('has the issue mix: 40% check-ins (a tenth catching holds), 5% renewals, 2% registrations', () => {
    const n = 100_000;
    const kinds = { checkIn: 0, renewal: 0, registration: 0, checkOut: 0 };
    let holds = 0;
    for (let i = 0; i < n; i++) {
      kinds[deskKindOf(i)] += 1;
      if (catchesHold(i)) holds += 1;
    }
    expect(kinds.checkIn / n).toBeCloseTo(0.4, 2);
    expect(kinds.renewal / n).toBeCloseTo(0.05, 2);
    expect(kinds.registration / n).toBeCloseTo(0.02, 2);
    expect(holds / kinds.checkIn).toBeCloseTo(0.1, 2);
    const checkOuts = Array.from({ length: n }, (_, i) => i).filter(
      (i) => deskKindOf(i) === 'checkOut',
    );
    const unknown = checkOuts.filter((i) => kindOf(i) === 'unknown').length;
    expect(unknown / checkOuts.length).toBeCloseTo(0.01, 2);
  });

  it('checks in items that are out, renews loans of the patron who has them, registers cards before they borrow', () => {
    const p = pools(TOTAL);
    const { transactions, holds } = createDeskWorkload(p, {
      total: TOTAL,
      workstations: 30,
      startMs: Date.UTC(2026, 11, 1),
      spanMs: 3 * 86_400_000,
    });
    expect(transactions).toHaveLength(TOTAL);
    const borrowerOf = new Map<string, string>();
    for (let k = 0; k < p.before.count; k++) {
      const loan = loanBefore(p.before, k);
      borrowerOf.set(loan.itemBarcode, loan.patronBarcode);
    }
    for (const item of p.onLoanBefore) borrowerOf.set(item, 'someone');
    const cards = new Set(p.patrons);
    let checkInsOfItemsOut = 0;
    let renewalsByBorrower = 0;
    let loansOnNewCards = 0;
    let cardsRegisteredTwice = 0;
    let loansOnUnknownCards = 0;
    const perWorkstation = new Map<string, number>();
    for (const t of transactions) {
      expect(t.sequence).toBe((perWorkstation.get(t.workstation) ?? 0) + 1);
      perWorkstation.set(t.workstation, t.sequence);
      if (t.type === 'check_in') {
        if (borrowerOf.delete(t.itemBarcode)) checkInsOfItemsOut += 1;
      } else if (t.type === 'renewal') {
        if (borrowerOf.get(t.itemBarcode) === t.patronBarcode) renewalsByBorrower += 1;
      } else if (t.type === 'registration') {
        if (cards.has(t.patronBarcode)) cardsRegisteredTwice += 1;
        cards.add(t.patronBarcode);
      } else if (t.type === 'check_out') {
        if (!cards.has(t.patronBarcode)) loansOnUnknownCards += 1;
        if (!p.patrons.includes(t.patronBarcode)) loansOnNewCards += 1;
        borrowerOf.set(t.itemBarcode, t.patronBarcode);
      }
    }
    const count = (type: string) => transactions.filter((t) => t.type === type).length;
    expect(cardsRegisteredTwice).toBe(0);
    expect(loansOnUnknownCards).toBe(0);
    expect(checkInsOfItemsOut).toBe(count('check_in'));
    expect(renewalsByBorrower).toBe(count('renewal'));
    expect(loansOnNewCards).toBeGreaterThan(count('registration') / 3);
    const heldItems = holds.map((h) => h.itemBarcode);
    expect(new Set(heldItems).size).toBe(heldItems.length);
    expect(new Set(holds.map((h) => h.pickupBranchCode))).toEqual(new Set(p.branchCodes));
  });
});

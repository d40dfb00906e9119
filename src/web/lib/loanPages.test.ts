import { describe, expect, it } from 'vitest';
import type { Loan } from '../../shared/api/circulation.ts';
import { appendLoanPage, describeLoansShown } from './loanPages.ts';

function loan(id: number): Loan {
  return {
    id,
    item: { id, barcode: `3000000000${id}`, title: `Title ${id}` },
    patron: { id: 1, barcode: '20000000000001', name: 'A. Reader' },
    checkedOutAt: 0,
    dueAt: id * 1000,
    returnedAt: null,
    branchCode: 'MAIN',
    source: 'online',
    renewalCount: 0,
  };
}

describe('describeLoansShown', () => {
  it('says how many of the current loans are shown', () => {
    expect(describeLoansShown(50, 1000, 'en-US')).toBe('Showing 50 of 1,000 current loans');
    expect(describeLoansShown(0, 1, 'en-US')).toBe('Showing 0 of 1 current loan');
  });

  it('says nothing when every loan is shown', () => {
    expect(describeLoansShown(3, 3)).toBeNull();
    expect(describeLoansShown(0, 0)).toBeNull();
  });
});

describe('appendLoanPage', () => {
  it('adds the next page after the loans shown, without showing a loan twice', () => {
    const appended = appendLoanPage([loan(1), loan(2)], [loan(2), loan(3)]);
    expect(appended.map((l) => l.id)).toEqual([1, 2, 3]);
  });
});

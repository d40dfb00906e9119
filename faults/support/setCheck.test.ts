// The set check must catch each kind of failure, or a clean fault trial would prove nothing.
import { describe, expect, it } from 'vitest';
import { checkTransactionSet, isClean, type SetCheckInput } from './setCheck.ts';

const clean: SetCheckInput = {
  generated: [
    { id: 'a', type: 'check_out' },
    { id: 'b', type: 'check_out' },
    { id: 'c', type: 'payment' },
  ],
  acknowledged: new Set(['a', 'b', 'c']),
  stored: [
    { id: 'a', type: 'check_out', status: 'applied', loanId: 1 },
    { id: 'b', type: 'check_out', status: 'exception', loanId: null },
    { id: 'c', type: 'payment', status: 'noted', loanId: null },
  ],
  loanIds: [1],
};

describe('checkTransactionSet', () => {
  it('finds nothing wrong when every transaction is stored and applied once', () => {
    const result = checkTransactionSet(clean);
    expect(result).toMatchObject({ checked: 3, lost: 0, duplicated: 0, unexpected: 0 });
    expect(isClean(result)).toBe(true);
  });

  it('counts a transaction never stored as lost, and as acknowledged-not-stored if it was acknowledged', () => {
    const result = checkTransactionSet({ ...clean, stored: clean.stored.slice(0, 2) });
    expect(result).toMatchObject({ lost: 1, acknowledgedNotStored: 1 });
    expect(isClean(result)).toBe(false);
  });

  it('counts a second copy of a stored transaction as duplicated', () => {
    const result = checkTransactionSet({ ...clean, stored: [...clean.stored, clean.stored[2]!] });
    expect(result.duplicated).toBe(1);
  });

  it('counts a loan no transaction claims (an application whose outcome was overwritten) as duplicated', () => {
    const result = checkTransactionSet({ ...clean, loanIds: [1, 2] });
    expect(result.duplicated).toBe(1);
  });

  it('counts a stored transaction nobody generated as unexpected', () => {
    const extra = { id: 'z', type: 'payment', status: 'noted', loanId: null };
    expect(checkTransactionSet({ ...clean, stored: [...clean.stored, extra] }).unexpected).toBe(1);
  });

  it('counts pending and contradictory outcomes', () => {
    const result = checkTransactionSet({
      ...clean,
      stored: [
        { id: 'a', type: 'check_out', status: 'applied', loanId: null },
        { id: 'b', type: 'check_out', status: 'pending', loanId: null },
        clean.stored[2]!,
      ],
    });
    expect(result).toMatchObject({ unprocessed: 1, inconsistent: 1, duplicated: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { PATRON_ROLES, routingText, transactionDetail } from './transactionWords.ts';

const UTC = 'UTC';
const DUE = Date.UTC(2026, 2, 25, 23, 59);

describe('what the report says about each type', () => {
  it('names whose the patron is on every type, so a check-in never reads as a loan', () => {
    expect(PATRON_ROLES.check_out).toBe('Lent to');
    expect(PATRON_ROLES.check_in).toBe('Returned by');
    expect(PATRON_ROLES.renewal).toBe('Renewed for');
    expect(PATRON_ROLES.registration).toBe('New patron');
    expect(PATRON_ROLES.in_house_use).toBeNull();
  });

  it('says what each type carried, dates in the one format', () => {
    const none = { dueAt: null, returnedOn: null, count: null };
    expect(transactionDetail({ ...none, type: 'check_out', dueAt: DUE }, UTC)).toBe(
      'due Wed 25 Mar 2026',
    );
    expect(transactionDetail({ ...none, type: 'renewal', dueAt: DUE }, UTC)).toBe(
      'now due Wed 25 Mar 2026',
    );
    expect(transactionDetail({ ...none, type: 'check_in', returnedOn: '2026-03-01' }, UTC)).toBe(
      'returned on Sun 1 Mar 2026',
    );
    expect(transactionDetail({ ...none, type: 'check_in' }, UTC)).toBeNull();
    expect(transactionDetail({ ...none, type: 'in_house_use', count: 1 }, UTC)).toBe('1 use');
    expect(transactionDetail({ ...none, type: 'in_house_use', count: 1200 }, UTC)).toBe(
      '1,200 uses',
    );
    expect(transactionDetail({ ...none, type: 'registration' }, UTC)).toBeNull();
  });

  it('says where the item goes from the trolley, and why a blocked card was lent to', () => {
    const routing = {
      branchCode: 'EAST',
      branchName: 'East Branch',
      patronShortName: 'REA, A.',
      holdId: 4,
    };
    expect(routingText({ ...routing, to: 'hold_shelf' })).toBe('To the hold shelf at East Branch');
    expect(routingText({ ...routing, to: 'transit' })).toBe('Send in transit to East Branch');
  });
});

import { describe, expect, it } from 'vitest';
import type { ExceptionAction } from '../../shared/api/offline.ts';
import { describeAction } from './exceptionWords.ts';

const staff = { id: 2, username: 'super', displayName: 'Sam Supervisor' };
// 2026-03-02 16:20 UTC is 10:20 in Chicago.
const at = Date.UTC(2026, 2, 2, 16, 20);
const action = (fields: Partial<ExceptionAction>): ExceptionAction => ({
  action: 'reapplied',
  reason: null,
  patronBarcode: null,
  itemBarcode: null,
  staff,
  at,
  ...fields,
});

describe('describeAction', () => {
  it('says who applied an exception again, when in the branch’s time, and with which barcodes', () => {
    expect(describeAction(action({ patronBarcode: '21005001000011' }), 'America/Chicago')).toBe(
      'Applied again by Sam Supervisor (super) on Mon 2 Mar 2026, 10:20, with patron barcode 21005001000011',
    );
    expect(describeAction(action({ patronBarcode: 'P1', itemBarcode: 'I1' }), 'UTC')).toMatch(
      /with patron barcode P1 and item barcode I1$/,
    );
    expect(describeAction(action({}), 'UTC')).toBe(
      'Applied again by Sam Supervisor (super) on Mon 2 Mar 2026, 16:20',
    );
  });

  it('says an attempt that left it an exception was tried, not applied, and why it is still one', () => {
    expect(
      describeAction(
        action({ itemBarcode: '31234000000999', reason: 'Item 31234000000999 is not known.' }),
        'UTC',
      ),
    ).toBe(
      'Tried again by Sam Supervisor (super) on Mon 2 Mar 2026, 16:20, with item barcode 31234000000999: still item 31234000000999 is not known.',
    );
  });

  it('gives the reason of a dismissal', () => {
    expect(
      describeAction(action({ action: 'dismissed', reason: 'Test scan' }), 'America/Chicago'),
    ).toMatch(/^Dismissed by Sam Supervisor \(super\) on .*: Test scan$/);
  });

  it('names a supervisor’s decision on an offline registration', () => {
    expect(describeAction(action({ action: 'merged_with_patron' }), 'UTC')).toBe(
      'Merged with the existing patron by Sam Supervisor (super) on Mon 2 Mar 2026, 16:20',
    );
    expect(describeAction(action({ action: 'registered_new_patron' }), 'UTC')).toBe(
      'Registered as a new patron by Sam Supervisor (super) on Mon 2 Mar 2026, 16:20',
    );
    expect(describeAction(action({ action: 'lent_to_card_owner', reason: 'x' }), 'UTC')).toBe(
      'Loans lent to the card’s owner by Sam Supervisor (super) on Mon 2 Mar 2026, 16:20',
    );
  });
});

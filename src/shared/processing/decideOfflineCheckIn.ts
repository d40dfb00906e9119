// The rules of an offline check-in: close the open loan at the time of the scan, or at the end of
// the "Returned on" day, and never undo newer work (a loan made, or a return recorded, after it).
import { endOfDay } from '../calendar/dueDates.ts';
import type { OfflineCheckIn } from '../offline/transaction.ts';
import {
  capitalize,
  FIX_OR_DISMISS,
  shownDate,
  STATUS_WARNINGS,
  type ProcessedItem,
} from './decisionWords.ts';
import type { Decision, OutcomeCode, ProcessingEffect, ProcessingState } from './outcome.ts';

/** Found again when it comes back; damaged and withdrawn stay so until staff decide. */
const STATUS_CLEARED_ON_CHECK_IN = new Set<ProcessedItem['status']>(['lost', 'missing', 'on_loan']);

/**
 * When the loan is closed: the scan's time, or 23:59 on the "Returned on" day in the branch's time
 * zone, but never before the loan began (it came back during that loan) nor after the scan.
 */
export function returnedAtOf(
  t: OfflineCheckIn,
  at: number,
  loanBegan: number,
  branchTimeZone: string | undefined,
): number {
  if (t.returnedOn === undefined) return at;
  if (branchTimeZone === undefined) {
    throw new Error('A check-in with a "Returned on" day needs its branch time zone.');
  }
  return Math.min(at, Math.max(loanBegan, endOfDay(t.returnedOn, branchTimeZone)));
}

export function decideOfflineCheckIn(
  t: OfflineCheckIn,
  state: ProcessingState,
  at: number,
): Decision {
  const { item } = state;
  const itemText = `item ${t.itemBarcode}`;
  if (item === null) {
    return {
      outcome: 'exception',
      codes: ['UNKNOWN_ITEM'],
      effects: [],
      message: `Check-in not applied: item barcode ${t.itemBarcode} is not known. ${FIX_OR_DISMISS}`,
    };
  }
  const loan = item.currentLoan;
  if (loan === null && item.lastReturnedAt !== null && item.lastReturnedAt > at) {
    return {
      outcome: 'noted',
      codes: ['RETURNED_LATER'],
      effects: [],
      message: `${capitalize(itemText)} was checked in again after this check-in (on ${shownDate(item.lastReturnedAt, state)}), so nothing was changed.`,
    };
  }
  if (loan !== null && loan.checkedOutAt > at) {
    return {
      outcome: 'noted',
      codes: ['LENT_AGAIN_LATER'],
      effects: [],
      message: `${capitalize(itemText)} was lent to patron ${loan.patronBarcode} after this check-in, so that loan was kept; nothing was changed.`,
      previousPatronBarcode: loan.patronBarcode,
    };
  }
  const effects: ProcessingEffect[] = [];
  const codes: OutcomeCode[] = [];
  const notes: string[] = [];
  if (loan === null) {
    codes.push('ITEM_NOT_ON_LOAN');
    notes.push('It was not on loan; check where it came from.');
  } else {
    const returnedAt = returnedAtOf(t, at, loan.checkedOutAt, state.branchTimeZone);
    effects.push({ kind: 'checkInLoan', loanId: loan.loanId, at: returnedAt });
    if (t.returnedOn !== undefined) {
      notes.push(`The loan was closed as returned on ${shownDate(returnedAt, state)}.`);
    }
  }
  if (STATUS_CLEARED_ON_CHECK_IN.has(item.status)) {
    effects.push({ kind: 'setItemStatus', itemId: item.id, status: 'available' });
  }
  const statusCode = STATUS_WARNINGS[item.status];
  if (statusCode !== undefined) {
    codes.push(statusCode);
    notes.push(
      STATUS_CLEARED_ON_CHECK_IN.has(item.status)
        ? `It was marked ${item.status} and is now available.`
        : `It is marked ${item.status}; that status was left for staff to review.`,
    );
  }
  const done =
    loan === null
      ? `${capitalize(itemText)} checked in.`
      : `${capitalize(itemText)} checked in from patron ${loan.patronBarcode}.`;
  return {
    outcome: codes.length === 0 ? 'applied' : 'applied_with_warning',
    codes,
    effects,
    message: [done, ...notes].join(' '),
    ...(loan === null ? {} : { previousPatronBarcode: loan.patronBarcode }),
  };
}

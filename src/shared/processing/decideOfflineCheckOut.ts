// The rules of an offline check-out: the patron has the item, so the loan is made unless a newer
// loan stands; what only a supervisor could do online is flagged (decide.ts holds it if so set).
import type { OfflineCheckOut } from '../offline/transaction.ts';
import { capitalize, FIX_OR_DISMISS, STATUS_WARNINGS } from './decisionWords.ts';
import type { Decision, OutcomeCode, ProcessingEffect, ProcessingState } from './outcome.ts';

export function decideOfflineCheckOut(
  t: OfflineCheckOut,
  { patron, item }: ProcessingState,
  at: number,
  dueAt: number,
): Decision {
  const patronText = `patron ${t.patronBarcode}`;
  const itemText = `item ${t.itemBarcode}`;
  if (patron === null || item === null) {
    const codes: OutcomeCode[] = [];
    const unknown: string[] = [];
    if (patron === null) {
      codes.push('UNKNOWN_PATRON');
      unknown.push(`patron barcode ${t.patronBarcode}`);
    }
    if (item === null) {
      codes.push('UNKNOWN_ITEM');
      unknown.push(`item barcode ${t.itemBarcode}`);
    }
    return {
      outcome: 'exception',
      codes,
      effects: [],
      message: `Check-out not applied: ${unknown.join(' and ')} ${unknown.length > 1 ? 'are' : 'is'} not known. ${FIX_OR_DISMISS}`,
    };
  }

  const loan = item.currentLoan;
  if (loan !== null && loan.patronId === patron.id) {
    return {
      outcome: 'noted',
      codes: ['ALREADY_ON_LOAN_TO_PATRON'],
      effects: [],
      message: `${capitalize(itemText)} was already on loan to ${patronText}; the existing loan and its due date were kept. Change the due date if the patron was told another one.`,
    };
  }
  if (loan !== null && loan.checkedOutAt > at) {
    return {
      outcome: 'noted',
      codes: ['LENT_AGAIN_LATER'],
      effects: [],
      message: `${capitalize(itemText)} was lent to patron ${loan.patronBarcode} after this offline check-out to ${patronText}, so that later loan was kept and this one was not made. Check that ${patronText} returned it.`,
      previousPatronBarcode: loan.patronBarcode,
    };
  }

  const codes: OutcomeCode[] = [];
  const notes: string[] = [];
  const effects: ProcessingEffect[] = [];
  if (loan !== null) {
    codes.push('CHECKED_IN_FROM_OTHER_PATRON');
    notes.push(
      `It was on loan to patron ${loan.patronBarcode}; that loan was checked in at the time of this check-out.`,
    );
    effects.push({ kind: 'checkInLoan', loanId: loan.loanId, at });
  }
  if (patron.status === 'expired') {
    codes.push('PATRON_EXPIRED');
    notes.push("The patron's card has expired: renew it at the next visit.");
  } else if (patron.status === 'blocked') {
    codes.push('PATRON_BLOCKED');
    const reason = patron.blockReason === null ? '' : ` (${patron.blockReason})`;
    notes.push(
      `The patron is blocked${reason}; the loan was made because the patron has the item.`,
    );
  }
  const statusCode = STATUS_WARNINGS[item.status];
  if (statusCode !== undefined) {
    codes.push(statusCode);
    notes.push(`The item was marked ${item.status}; it is now on loan. Check its record.`);
  }
  effects.push(
    { kind: 'createLoan', patronId: patron.id, itemId: item.id, checkedOutAt: at, dueAt },
    { kind: 'setItemStatus', itemId: item.id, status: 'on_loan' },
  );
  return {
    outcome: codes.length === 0 ? 'applied' : 'applied_with_warning',
    codes,
    effects,
    message: [`${capitalize(itemText)} checked out to ${patronText}.`, ...notes].join(' '),
    ...(loan === null ? {} : { previousPatronBarcode: loan.patronBarcode }),
  };
}

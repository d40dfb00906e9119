// The processing rules: given one offline transaction and what the server found for its barcodes,
// decide the outcome and the changes. No I/O; the server performs the effects in one database
// transaction together with the outcome.
import type {
  OfflineCheckIn,
  OfflineCheckOut,
  OfflinePayment,
  OfflineTransaction,
} from '../offline/transaction.ts';
import { claimHolds, latestDueAt, type ClaimLimits } from '../offline/claims.ts';
import {
  OUTCOME_CODE_LABELS,
  SUPERVISOR_ONLY_CODES,
  type Decision,
  type OfflineOverridePolicy,
  type OutcomeCode,
  type ProcessingEffect,
  type ProcessingState,
} from './outcome.ts';
import { correctedTime } from './order.ts';
import { decideRegistration, waitForRegistration } from './decideRegistration.ts';
import { withLentAnyway } from './lentAnyway.ts';

/** What the library allows a claim (read once per batch) and who is applying it. */
export interface ClaimRules {
  limits: ClaimLimits;
  /** What to do with a check-out only a supervisor could have made online. */
  overridePolicy: OfflineOverridePolicy;
  /**
   * A supervisor applies it again from the exceptions queue: they have reviewed it, so nothing is
   * held; its time is capped at its arrival and its due date at the longest loan allowed.
   */
  reviewedBySupervisor: boolean;
}

type Item = NonNullable<ProcessingState['item']>;

/** Statuses that say the item should not be on the shelf or in a patron's hands. */
const STATUS_WARNINGS: Partial<Record<Item['status'], OutcomeCode>> = {
  lost: 'ITEM_STATUS_LOST',
  missing: 'ITEM_STATUS_MISSING',
  damaged: 'ITEM_STATUS_DAMAGED',
  withdrawn: 'ITEM_STATUS_WITHDRAWN',
};

/** Found again when it comes back; damaged and withdrawn stay so until staff decide. */
const STATUS_CLEARED_ON_CHECK_IN = new Set<Item['status']>(['lost', 'missing', 'on_loan']);

const FIX_OR_DISMISS =
  'It is kept in the exceptions queue: correct the barcode and apply it again, or dismiss it with a reason.';

const SUPERVISOR_DECIDES =
  'It is kept in the exceptions queue: a supervisor checks it with the sender, then applies it or dismisses it with a reason.';

/**
 * The outcome of one offline transaction. A claim outside the bounds (claims.ts) is held for a
 * supervisor before anything else; a check-out only a supervisor could make online is applied and
 * flagged, or held, as the library sets.
 */
export function decideOutcome(
  transaction: OfflineTransaction,
  state: ProcessingState,
  rules: ClaimRules,
): Decision {
  const claimed = correctedTime(transaction);
  if (!rules.reviewedBySupervisor) {
    const holds = claimHolds(transaction, claimed, rules.limits);
    if (holds.length > 0) {
      return {
        outcome: 'exception',
        codes: holds.map((h) => h.code),
        effects: [],
        message: [
          `${describeType(transaction)} not applied.`,
          ...holds.map((h) => h.message),
          SUPERVISOR_DECIDES,
        ].join(' '),
      };
    }
  }
  // A supervisor's re-apply never makes a loan in the future, nor one due past the longest loan.
  const at = rules.reviewedBySupervisor ? Math.min(claimed, rules.limits.receivedAt) : claimed;
  const usesCard = transaction.type === 'check_out' || transaction.type === 'renewal';
  if (usesCard && state.cardRegistrationHeld === true) {
    return waitForRegistration(transaction);
  }
  switch (transaction.type) {
    case 'check_out': {
      const dueAt = rules.reviewedBySupervisor
        ? Math.min(transaction.dueAt, latestDueAt(at, transaction.dueDateBasis, rules.limits))
        : transaction.dueAt;
      const decision = decideCheckOut(transaction, state, at, dueAt);
      return reviewed(transaction, withLentAnyway(transaction, decision, at), rules);
    }
    case 'check_in':
      return decideCheckIn(transaction, state.item, at);
    case 'payment':
      return decidePayment(transaction);
    case 'registration':
      return decideRegistration(transaction, state);
    case 'renewal':
    case 'in_house_use':
      // Refused at the door (DESK_TRANSACTION_TYPES, file version 1) until their rules land.
      throw new Error(`No processing rule for a ${transaction.type} yet.`);
  }
}

/** Flags (or holds) a decision that did what only a supervisor may do online. */
function reviewed(t: OfflineCheckOut, decision: Decision, rules: ClaimRules): Decision {
  const supervisorOnly = decision.codes.filter((code) => SUPERVISOR_ONLY_CODES.has(code));
  if (supervisorOnly.length === 0 || rules.reviewedBySupervisor) return decision;
  if (rules.overridePolicy === 'hold') {
    const { previousPatronBarcode } = decision;
    const why = supervisorOnly.map((code) => OUTCOME_CODE_LABELS[code].toLowerCase()).join(', ');
    return {
      outcome: 'exception',
      codes: ['HELD_FOR_SUPERVISOR', ...decision.codes],
      effects: [],
      message: `${describeType(t)} not applied: only a supervisor may make this loan online (${why}). ${SUPERVISOR_DECIDES}`,
      ...(previousPatronBarcode === undefined ? {} : { previousPatronBarcode }),
      supervisorReview: true,
    };
  }
  return { ...decision, supervisorReview: true };
}

function decideCheckOut(
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

function decideCheckIn(t: OfflineCheckIn, item: ProcessingState['item'], at: number): Decision {
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
  if (loan === null) {
    return {
      outcome: 'noted',
      codes: ['ITEM_NOT_ON_LOAN'],
      effects: [],
      message: `${capitalize(itemText)} was not on loan; nothing was changed.`,
    };
  }
  if (loan.checkedOutAt > at) {
    return {
      outcome: 'noted',
      codes: ['LENT_AGAIN_LATER'],
      effects: [],
      message: `${capitalize(itemText)} was lent to patron ${loan.patronBarcode} after this check-in, so that loan was kept; nothing was changed.`,
      previousPatronBarcode: loan.patronBarcode,
    };
  }
  const effects: ProcessingEffect[] = [{ kind: 'checkInLoan', loanId: loan.loanId, at }];
  const codes: OutcomeCode[] = [];
  const notes: string[] = [];
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
  return {
    outcome: codes.length === 0 ? 'applied' : 'applied_with_warning',
    codes,
    effects,
    message: [
      `${capitalize(itemText)} checked in from patron ${loan.patronBarcode}.`,
      ...notes,
    ].join(' '),
    previousPatronBarcode: loan.patronBarcode,
  };
}

function decidePayment(t: OfflinePayment): Decision {
  return {
    outcome: 'noted',
    codes: ['PAYMENT_NOT_SUPPORTED'],
    effects: [],
    message: `Payment of ${t.amount} from patron ${t.patronBarcode} was not recorded: Circa does not keep fines. Record it where your library keeps fines.`,
  };
}

function describeType(t: OfflineTransaction): string {
  switch (t.type) {
    case 'check_out':
      return `Check-out of item ${t.itemBarcode} to patron ${t.patronBarcode}`;
    case 'check_in':
      return `Check-in of item ${t.itemBarcode}`;
    case 'payment':
      return `Payment from patron ${t.patronBarcode}`;
    case 'renewal':
      return `Renewal of item ${t.itemBarcode} for patron ${t.patronBarcode}`;
    case 'in_house_use':
      return `In-house use of item ${t.itemBarcode}`;
    case 'registration':
      return `Registration of card ${t.patronBarcode}`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The processing rules: given one offline transaction and what the server found for its barcodes,
// decide the outcome and the changes. No I/O; the server performs the effects in one database
// transaction together with the outcome.
import type {
  OfflineCheckOut,
  OfflinePayment,
  OfflineTransaction,
} from '../offline/transaction.ts';
import { claimHolds, latestDueAt, type ClaimLimits } from '../offline/claims.ts';
import { decideInHouseUse } from './decideInHouseUse.ts';
import { decideOfflineCheckIn } from './decideOfflineCheckIn.ts';
import { decideOfflineCheckOut } from './decideOfflineCheckOut.ts';
import { decideOfflineRenewal } from './decideOfflineRenewal.ts';
import { SUPERVISOR_DECIDES } from './decisionWords.ts';
import {
  OUTCOME_CODE_LABELS,
  SUPERVISOR_ONLY_CODES,
  type Decision,
  type OfflineOverridePolicy,
  type OfflineRenewalRefusal,
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
  /** What to do with a renewal a rule would have refused online. */
  renewalRefusal: OfflineRenewalRefusal;
  /**
   * A supervisor applies it again from the exceptions queue: they have reviewed it, so nothing is
   * held; its time is capped at its arrival and its due date at the longest loan allowed.
   */
  reviewedBySupervisor: boolean;
}

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
      const decision = decideOfflineCheckOut(transaction, state, at, dueAt);
      return reviewed(transaction, withLentAnyway(transaction, decision, at), rules);
    }
    case 'check_in':
      return decideOfflineCheckIn(transaction, state, at);
    case 'renewal': {
      const dueAt = rules.reviewedBySupervisor
        ? Math.min(transaction.dueAt, latestDueAt(at, transaction.dueDateBasis, rules.limits))
        : transaction.dueAt;
      // A supervisor applying a held renewal has decided past the rule: it is not held again.
      const policy = rules.reviewedBySupervisor ? 'apply_with_warning' : rules.renewalRefusal;
      return decideOfflineRenewal(transaction, state, at, dueAt, policy);
    }
    case 'in_house_use':
      return decideInHouseUse(transaction, state);
    case 'payment':
      return decidePayment(transaction);
    case 'registration':
      return decideRegistration(transaction, state);
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

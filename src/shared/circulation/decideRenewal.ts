// The rules of a renewal: given the loan, its rule, the patron, the title's hold queue and the
// renewing branch's calendar, refuse with a reason staff can act on, or say the new due date. No I/O,
// so renewing one loan and renewing all of a patron's loans decide alike.
import type { ErrorCode } from '../api/errors.ts';
import { computeDueDate, localDate, type BranchCalendar } from '../calendar/dueDates.ts';
import { nextHoldFor, type QueuedHold } from '../holds/holdQueue.ts';
import { patronStatus } from '../patrons/patronStatus.ts';
import type { CirculationRefusal } from './checkOutRefusals.ts';
import type { RenewalLoan, RenewalPatron } from './renewalFacts.ts';
import * as refuse from './renewalRefusals.ts';

export type { RenewalLoan, RenewalPatron } from './renewalFacts.ts';

/** What the desk asked. */
export interface RenewalAsked {
  /** Epoch ms of the renewal: the new due date counts from the branch's local date at this instant. */
  at: number;
  /** A supervisor renews anyway, saying why; null for an ordinary renewal. */
  override: { reason: string } | null;
  /** Whether the staff member's role allows 'loan.override'. */
  mayOverride: boolean;
}

/** What the server read, all before deciding. */
export interface RenewalFound {
  loan: RenewalLoan;
  patron: RenewalPatron;
  /** The rule for the patron's type and the item's material type at the renewing branch. */
  loanRule: { loanDays: number; renewalsAllowed: number } | null;
  /** The waiting holds of the loan's title (readWaitingHolds); the borrower's own are skipped here. */
  holds: readonly QueuedHold[];
  /** The renewing workstation's branch calendar, as for a check-out there. */
  calendar: BranchCalendar;
}

export type RenewalDecision =
  | { outcome: 'refused'; refusal: CirculationRefusal }
  | {
      outcome: 'renew';
      loanId: number;
      previousDueAt: number;
      dueAt: number;
      /** The count after this renewal. */
      renewalCount: number;
      /** The refusals a supervisor overrode, in refusal order; empty for an ordinary renewal. */
      overridden: ErrorCode[];
      overrideReason: string | null;
    };

/**
 * Refusals in a stable order, the one staff fix them in: the card, the item, the rule, the limit,
 * then other patrons' holds. A supervisor's override renews past all of them at once (each is
 * recorded), except a loan that is not open, and a missing rule, which leaves no due date to count.
 * Throws DueDateError when no due date can be set, as computeDueDate does.
 */
export function decideRenewal(asked: RenewalAsked, found: RenewalFound): RenewalDecision {
  const { loan, loanRule, calendar } = found;
  if (loan.returnedAt !== null) return refused(refuse.loanNotOpen(loan));
  if (asked.override && !asked.mayOverride) return refused(refuse.overrideForbidden(loan));
  if (!loanRule) return refused(refuse.noLoanRule(loan));

  const today = localDate(asked.at, calendar.timeZone);
  const refusals = renewalRefusals(found, loanRule.renewalsAllowed, today);
  const first = refusals[0];
  if (first && !asked.override) return refused(first);

  const forRule = computeDueDate(asked.at, { kind: 'loanDays', days: loanRule.loanDays }, calendar);
  return {
    outcome: 'renew',
    loanId: loan.id,
    previousDueAt: loan.dueAt,
    // A renewal never shortens a loan: when the loan is already due later than the rule would
    // count from today (renewed early, or the rule shortened since), the later due date stands.
    dueAt: Math.max(forRule.dueAt, loan.dueAt),
    renewalCount: loan.renewalCount + 1,
    overridden: refusals.map((refusal) => refusal.code),
    overrideReason: asked.override && refusals.length > 0 ? asked.override.reason : null,
  };
}

/** Every reason this renewal would be refused, in the order staff see them. */
function renewalRefusals(
  { loan, patron, holds }: RenewalFound,
  renewalsAllowed: number,
  today: string,
): CirculationRefusal[] {
  const refusals: CirculationRefusal[] = [];
  const standing = patronStatus(patron, today);
  if (standing === 'blocked') refusals.push(refuse.patronBlocked(patron, loan));
  if (standing === 'expired') refusals.push(refuse.patronExpired(patron, loan));
  if (loan.itemStatus === 'lost') refusals.push(refuse.itemLost(loan));
  if (loan.renewalCount >= renewalsAllowed) {
    refusals.push(refuse.limitReached(loan, renewalsAllowed));
  }
  // The borrower's own hold on the title (a second copy wanted) does not stop their renewal.
  const othersHolds = holds.filter((hold) => hold.patronId !== loan.patronId);
  if (nextHoldFor({ id: loan.itemId, titleId: loan.titleId }, othersHolds, today)) {
    refusals.push(refuse.holdWaiting(loan));
  }
  return refusals;
}

const refused = (refusal: CirculationRefusal): RenewalDecision => ({
  outcome: 'refused',
  refusal,
});

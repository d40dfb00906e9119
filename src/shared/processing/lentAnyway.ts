// "Lend anyway": staff lent to a card the snapshot's block list named. The loan stands (the patron
// has the item) but is flagged for a supervisor, who sees which list reason was overridden and how
// old the list was when staff relied on it.
import type { OfflineCheckOut } from '../offline/transaction.ts';
import type { Decision } from './outcome.ts';

const HOUR_MS = 3_600_000;

const LIST_REASON_WORDS = { blocked: 'blocked', expired: 'expired' } as const;

/** How old the list was at the time of the loan, in words a librarian reads at a glance. */
export function describeListAge(listMadeAt: number, at: number): string {
  const hours = Math.max(0, Math.floor((at - listMadeAt) / HOUR_MS));
  if (hours < 1) return 'less than an hour old';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} old`;
  return `${Math.floor(hours / 24)} days old`;
}

/**
 * Adds LENT_ANYWAY to a check-out that made a loan. A check-out that made none (unknown card, a
 * later loan kept) is left as it is: nothing was lent, so there is nothing to review.
 */
export function withLentAnyway(t: OfflineCheckOut, decision: Decision, at: number): Decision {
  const lentAnyway = t.lentAnyway;
  if (lentAnyway === undefined) return decision;
  if (decision.outcome !== 'applied' && decision.outcome !== 'applied_with_warning') {
    return decision;
  }
  return {
    ...decision,
    outcome: 'applied_with_warning',
    codes: [...decision.codes, 'LENT_ANYWAY'],
    message: `${decision.message} Lent anyway: the block list, ${describeListAge(lentAnyway.listMadeAt, at)}, listed the card as ${LIST_REASON_WORDS[lentAnyway.reason]}.`,
  };
}

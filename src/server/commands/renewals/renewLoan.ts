// Renew one loan at the actor's workstation: the rules decide (shared/circulation/decideRenewal.ts),
// then the loan's due date and count change with a renewals row, or nothing changes.
import type { Kysely } from 'kysely';
import type { RenewalResult } from '../../../shared/api/renewals.ts';
import type { CirculationRefusal } from '../../../shared/circulation/checkOutRefusals.ts';
import { decideRenewal } from '../../../shared/circulation/decideRenewal.ts';
import { loanViewById } from '../../db/circulationViews.ts';
import { renewableLoanById } from '../../db/renewalReads.ts';
import type { Database } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { can } from '../../policies/policies.ts';
import { presentLoan } from '../../presenters/circulation.ts';
import type { CirculationActor } from '../actor.ts';
import { applyRenewal, readRenewalFacts } from './renewalSteps.ts';

export interface RenewLoanProps {
  db: Kysely<Database>;
  /** Who renews and where: the new due date follows this workstation's branch calendar. */
  actor: CirculationActor;
  loanId: number;
  /** Epoch ms of the renewal: the new due date counts from the branch's local date at this instant. */
  at: number;
  /** A supervisor renews past the refusals, saying why; FORBIDDEN for anyone else. */
  override?: { reason: string };
}

/** How often a renewal that lost a race is read and decided again before it is refused. */
const ATTEMPTS = 2;

/**
 * Renews the loan in one transaction. The write is guarded by the loan being open with the count
 * that was read, so a check-in or a second renewal racing this one cannot make it count twice or
 * renew a returned loan: the renewal is read and decided once more, then refused (LOAN_CHANGED).
 */
export async function renewLoan(props: RenewLoanProps): Promise<RenewalResult> {
  requireOverrideRight(props.actor, props.override);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const renewed = await props.db.transaction().execute(async (trx) => {
      const loan = await renewableLoanById(trx, props.loanId);
      if (!loan) {
        throw new CircaError(
          'NOT_FOUND',
          404,
          `There is no loan ${props.loanId}. Look the patron up again to see their loans.`,
          { loanId: props.loanId },
        );
      }
      const facts = await readRenewalFacts(trx, props.actor, [loan], props.at);
      const decision = decideRenewal(
        {
          at: props.at,
          override: props.override ?? null,
          mayOverride: can(props.actor.role, 'loan.override'),
        },
        facts.get(loan.id)!,
      );
      if (decision.outcome === 'refused') throw refusalError(decision.refusal);
      if (!(await applyRenewal(trx, props.actor, decision, props.at))) return null;
      return {
        loan: presentLoan(await loanViewById(trx, loan.id)),
        previousDueAt: decision.previousDueAt,
      };
    });
    if (renewed) return renewed;
  }
  throw new CircaError(
    'LOAN_CHANGED',
    409,
    'This loan changed at another desk while it was being renewed. Look the patron up again, then renew if it is still out.',
    { loanId: props.loanId },
  );
}

/** Asking to override without 'loan.override' is refused before anything is read or written. */
export function requireOverrideRight(
  actor: CirculationActor,
  override: { reason: string } | undefined,
): void {
  if (override && !can(actor.role, 'loan.override')) {
    throw new CircaError(
      'FORBIDDEN',
      403,
      'Only a supervisor may renew a loan anyway. Ask a supervisor.',
    );
  }
}

export function refusalError({ code, status, message, details }: CirculationRefusal): CircaError {
  return new CircaError(code, status, message, details);
}

// Renew every open loan on a patron's card, each decided on its own: one read of the loans, their
// rules and the holds on all their titles, then one small transaction per loan that renews.
import type { Kysely } from 'kysely';
import type { RenewAllResult, RenewalRefused } from '../../../shared/api/renewals.ts';
import { decideRenewal, type RenewalDecision } from '../../../shared/circulation/decideRenewal.ts';
import { findPatronView } from '../../db/circulationViews.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import {
  loanViewsByIds,
  renewableLoansOfPatron,
  type RenewableLoanView,
} from '../../db/renewalReads.ts';
import type { Database } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { can } from '../../policies/policies.ts';
import { presentLoan } from '../../presenters/circulation.ts';
import type { CirculationActor } from '../actor.ts';
import { requireValidBarcode } from '../barcodes.ts';
import { applyRenewal, readRenewalFacts } from './renewalSteps.ts';
import { renewLoan, requireOverrideRight } from './renewLoan.ts';

export interface RenewAllProps {
  db: Kysely<Database>;
  /** Who renews and where: new due dates follow this workstation's branch calendar. */
  actor: CirculationActor;
  /** The patron's card, as scanned; checked against the library's patron barcode rule. */
  patronBarcode: string;
  /** Epoch ms of the renewals: new due dates count from the branch's local date at this instant. */
  at: number;
  /** A supervisor renews every loan past its refusals, saying why; FORBIDDEN for anyone else. */
  override?: { reason: string };
}

/**
 * Renews what can be renewed and says why the rest cannot. The renewals are written in one
 * transaction, each guarded on its own: a loan that a check-in closed or another desk renewed since
 * the read is skipped without undoing the others, then renewed through renewLoan, which reads it
 * again (or refused). One commit, not one per loan: on PostgreSQL each commit waits for the disk,
 * and 200 of them were most of the time of "Renew all" of 200 loans.
 */
export async function renewAll(props: RenewAllProps): Promise<RenewAllResult> {
  requireOverrideRight(props.actor, props.override);
  return writeRenewAll(props, await decideRenewAll(props));
}

/** What "Renew all" decided from one read: the open loans, soonest due first, and each decision. */
export interface RenewAllDecided {
  loans: RenewableLoanView[];
  decisions: Map<number, RenewalDecision>;
}

/** The first step: one read of everything, then each loan decided on its own, nothing written. */
export async function decideRenewAll(props: RenewAllProps): Promise<RenewAllDecided> {
  const { db, actor, at } = props;
  const { loans, facts } = await db.transaction().execute(async (trx) => {
    const { barcodeRules } = await getLibrarySettings(trx);
    const barcode = requireValidBarcode('patron', props.patronBarcode, barcodeRules);
    const patron = await findPatronView(trx, barcode);
    if (!patron) {
      throw new CircaError(
        'PATRON_NOT_FOUND',
        404,
        `No patron has the card ${barcode}. Check the card, or look the patron up by name.`,
        { patronBarcode: barcode },
      );
    }
    const open = await renewableLoansOfPatron(trx, patron.id);
    return { loans: open, facts: await readRenewalFacts(trx, actor, open, at) };
  });
  const asked = {
    at,
    override: props.override ?? null,
    mayOverride: can(actor.role, 'loan.override'),
  };
  const decisions = new Map(
    loans.map((loan) => [loan.id, decideRenewal(asked, facts.get(loan.id)!)]),
  );
  return { loans, decisions };
}

/**
 * The second step: writes the decided renewals, reads and decides again those a check-in or
 * another desk overtook since the read, and answers with every loan renewed or refused.
 */
export async function writeRenewAll(
  props: RenewAllProps,
  { loans, decisions }: RenewAllDecided,
): Promise<RenewAllResult> {
  const { db, actor, at } = props;
  const toRenew = [...decisions.values()].filter(
    (decision): decision is Renewing => decision.outcome === 'renew',
  );
  const overtaken = await db.transaction().execute(async (trx) => {
    const lost: Renewing[] = [];
    for (const decision of toRenew) {
      if (!(await applyRenewal(trx, actor, decision, at))) lost.push(decision);
    }
    return lost;
  });

  const previousDueAt = new Map<number, number>();
  const refusedAgain = new Map<number, Omit<RenewalRefused, 'loan'>>();
  for (const decision of toRenew) previousDueAt.set(decision.loanId, decision.previousDueAt);
  for (const decision of overtaken) {
    const again = await renewAgain(props, decision.loanId);
    if ('previousDueAt' in again) previousDueAt.set(decision.loanId, again.previousDueAt);
    else {
      previousDueAt.delete(decision.loanId);
      refusedAgain.set(decision.loanId, again);
    }
  }

  const renewedViews = new Map(
    (await loanViewsByIds(db, [...previousDueAt.keys()])).map((view) => [view.id, view]),
  );
  const result: RenewAllResult = { renewed: [], refused: [] };
  for (const loan of loans) {
    const decision = decisions.get(loan.id)!;
    const dueBefore = previousDueAt.get(loan.id);
    if (dueBefore !== undefined) {
      result.renewed.push({
        loan: presentLoan(renewedViews.get(loan.id)!),
        previousDueAt: dueBefore,
      });
    } else {
      const why =
        decision.outcome === 'refused'
          ? { code: decision.refusal.code, message: decision.refusal.message }
          : refusedAgain.get(loan.id)!;
      result.refused.push({ loan: presentLoan(loan), ...why });
    }
  }
  return result;
}

type Renewing = Extract<RenewalDecision, { outcome: 'renew' }>;

/** A renewal overtaken since the read: renewLoan reads, decides and writes it again, or refuses. */
async function renewAgain(
  props: RenewAllProps,
  loanId: number,
): Promise<{ previousDueAt: number } | Omit<RenewalRefused, 'loan'>> {
  try {
    const renewed = await renewLoan({
      db: props.db,
      actor: props.actor,
      loanId,
      at: props.at,
      ...(props.override ? { override: props.override } : {}),
    });
    return { previousDueAt: renewed.previousDueAt };
  } catch (error) {
    if (!(error instanceof CircaError)) throw error;
    return { code: error.code, message: error.message };
  }
}

// Renew every open loan on a patron's card, each decided on its own: one read of the loans, their
// rules and the holds on all their titles, then one small transaction per loan that renews.
import type { Kysely } from 'kysely';
import type { RenewAllResult, RenewalRefused } from '../../../shared/api/renewals.ts';
import { decideRenewal, type RenewalDecision } from '../../../shared/circulation/decideRenewal.ts';
import { findPatronView } from '../../db/circulationViews.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import { loanViewsByIds, renewableLoansOfPatron } from '../../db/renewalReads.ts';
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
 * Renews what can be renewed and says why the rest cannot. Each renewal commits on its own, so one
 * loan that a check-in closes meanwhile is refused without undoing the others; a loan whose guarded
 * write loses a race is renewed through renewLoan, which reads it again.
 */
export async function renewAll(props: RenewAllProps): Promise<RenewAllResult> {
  const { db, actor, at } = props;
  requireOverrideRight(actor, props.override);
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
  const previousDueAt = new Map<number, number>();
  const refused: RenewalRefused[] = [];
  for (const loan of loans) {
    const decision = decideRenewal(asked, facts.get(loan.id)!);
    if (decision.outcome === 'refused') {
      const { code, message } = decision.refusal;
      refused.push({ loan: presentLoan(loan), code, message });
      continue;
    }
    const outcome = await renewDecided(props, decision);
    if ('previousDueAt' in outcome) previousDueAt.set(loan.id, outcome.previousDueAt);
    else refused.push({ loan: presentLoan(loan), ...outcome });
  }

  const renewedViews = new Map(
    (await loanViewsByIds(db, [...previousDueAt.keys()])).map((view) => [view.id, view]),
  );
  return {
    renewed: [...previousDueAt].map(([loanId, dueBefore]) => ({
      loan: presentLoan(renewedViews.get(loanId)!),
      previousDueAt: dueBefore,
    })),
    refused,
  };
}

/** Writes one decided renewal; when it lost a race, renewLoan reads, decides and tries again. */
async function renewDecided(
  props: RenewAllProps,
  decision: Extract<RenewalDecision, { outcome: 'renew' }>,
): Promise<{ previousDueAt: number } | Omit<RenewalRefused, 'loan'>> {
  const { db, actor, at } = props;
  const applied = await db.transaction().execute((trx) => applyRenewal(trx, actor, decision, at));
  if (applied) return { previousDueAt: decision.previousDueAt };
  try {
    const renewed = await renewLoan({
      db,
      actor,
      loanId: decision.loanId,
      at,
      ...(props.override ? { override: props.override } : {}),
    });
    return { previousDueAt: renewed.previousDueAt };
  } catch (error) {
    if (!(error instanceof CircaError)) throw error;
    return { code: error.code, message: error.message };
  }
}

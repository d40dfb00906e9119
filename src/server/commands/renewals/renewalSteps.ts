// The steps renewLoan and renewAll share: reading what the rules need for a set of loans, and the
// guarded write of one decided renewal (the loan's due date and count, and its renewals row).
import type { Transaction } from 'kysely';
import type { BranchCalendar } from '../../../shared/calendar/dueDates.ts';
import type { RenewalDecision, RenewalFound } from '../../../shared/circulation/decideRenewal.ts';
import type { QueuedHold } from '../../../shared/holds/holdQueue.ts';
import { findLoanRule } from '../../../shared/loanRules/loanRules.ts';
import { loadBranchCalendar } from '../../db/branchCalendar.ts';
import { readLoanRules, type LoanRuleRecord } from '../../db/loanRules.ts';
import { readWaitingHoldsOfTitles, type RenewableLoanView } from '../../db/renewalReads.ts';
import type { Database } from '../../db/schema.ts';
import type { CirculationActor } from '../actor.ts';

/** Everything the rules need for these loans at the actor's branch: three statements in all. */
export async function readRenewalFacts(
  trx: Transaction<Database>,
  actor: CirculationActor,
  loans: readonly RenewableLoanView[],
  at: number,
): Promise<Map<number, RenewalFound>> {
  const { calendar } = await loadBranchCalendar(trx, actor.branchId, at);
  const patronTypes = new Set(loans.map((loan) => loan.patron_type_id));
  const rules: LoanRuleRecord[] =
    loans.length === 0
      ? []
      : await readLoanRules(trx, {
          inForceAt: actor.branchId,
          ...(patronTypes.size === 1 ? { patronTypeId: [...patronTypes][0] } : {}),
        });
  const holds = await readWaitingHoldsOfTitles(trx, loans.map(titleIdOf));
  const holdsByTitle = new Map<number, QueuedHold[]>();
  for (const hold of holds) {
    const queue = holdsByTitle.get(hold.titleId) ?? [];
    queue.push(hold);
    holdsByTitle.set(hold.titleId, queue);
  }
  const facts = new Map<number, RenewalFound>();
  for (const loan of loans) {
    facts.set(loan.id, renewalFound(loan, rules, holdsByTitle, calendar, actor.branchId));
  }
  return facts;
}

function renewalFound(
  loan: RenewableLoanView,
  rules: readonly LoanRuleRecord[],
  holdsByTitle: ReadonlyMap<number, QueuedHold[]>,
  calendar: BranchCalendar,
  branchId: number,
): RenewalFound {
  const titleId = titleIdOf(loan);
  const rule = findLoanRule(rules, {
    patronTypeId: loan.patron_type_id,
    materialTypeId: loan.item_material_type_id,
    branchId,
  });
  return {
    loan: {
      id: loan.id,
      patronId: loan.patron_id,
      itemId: loan.item_id,
      titleId,
      itemBarcode: loan.item_barcode,
      itemTitle: loan.item_title,
      itemStatus: loan.item_status,
      dueAt: loan.due_at,
      renewalCount: loan.renewal_count,
      returnedAt: loan.returned_at,
    },
    patron: {
      id: loan.patron_id,
      barcode: loan.patron_barcode,
      name: loan.patron_name,
      expiresOn: loan.patron_expires_on,
      blockReason: loan.patron_block_reason,
    },
    loanRule: rule ? { loanDays: rule.loanDays, renewalsAllowed: rule.renewalsAllowed } : null,
    holds: holdsByTitle.get(titleId) ?? [],
    calendar,
  };
}

/** The database sets title_id on every item (migration 0011); a null is a broken invariant. */
function titleIdOf(loan: RenewableLoanView): number {
  if (loan.item_title_id === null) {
    throw new Error(
      `Item ${loan.item_barcode} has no title: run the migrations again (0011_holds).`,
    );
  }
  return loan.item_title_id;
}

/**
 * Writes a decided renewal, guarded by what was read: the loan is still open and its count is the
 * one the decision counted from. False when a check-in or another renewal got there first (nothing
 * is written then); the caller reads again or refuses.
 */
export async function applyRenewal(
  trx: Transaction<Database>,
  actor: CirculationActor,
  decision: Extract<RenewalDecision, { outcome: 'renew' }>,
  at: number,
): Promise<boolean> {
  const updated = await trx
    .updateTable('loans')
    .set({ due_at: decision.dueAt, renewal_count: decision.renewalCount })
    .where('id', '=', decision.loanId)
    .where('returned_at', 'is', null)
    .where('renewal_count', '=', decision.renewalCount - 1)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('renewals')
    .values({
      loan_id: decision.loanId,
      renewed_at: at,
      previous_due_at: decision.previousDueAt,
      due_at: decision.dueAt,
      staff_user_id: actor.staffUserId,
      workstation_id: actor.workstationId,
      source: 'online',
      // Several refusals overridden at once are all recorded, in refusal order.
      overridden_code: decision.overridden.length > 0 ? decision.overridden.join(',') : null,
      override_reason: decision.overrideReason,
    })
    .execute();
  return true;
}

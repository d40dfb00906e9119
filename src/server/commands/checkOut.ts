// Check out: lend an item to a patron at the actor's branch, refusing with a reason staff can act on.
// Reads first, then the rules decide (src/shared/circulation/decideCheckOut.ts), then writes.
import type { Kysely, Transaction } from 'kysely';
import type { CheckOutResult } from '../../shared/api/circulation.ts';
import { itemOnLoan, type CirculationRefusal } from '../../shared/circulation/checkOutRefusals.ts';
import {
  decideCheckOut,
  scanBarcode,
  type CheckOutAsked,
  type CheckOutDecision,
  type CheckOutFound,
  type CheckOutItem,
  type CheckOutPatron,
  type ItemHold,
  type OpenLoan,
} from '../../shared/circulation/decideCheckOut.ts';
import { localDate } from '../../shared/calendar/dueDates.ts';
import { shortPatronName } from '../../shared/holds/shortPatronName.ts';
import { trappedHoldOfItem, waitingHoldsOfPatronOnTitle } from '../db/holdShelfViews.ts';
import type { HoldView } from '../db/holdViews.ts';
import { findLoanRule, type LoanRuleKey } from '../../shared/loanRules/loanRules.ts';
import { loadBranchCalendar } from '../db/branchCalendar.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { readLoanRules } from '../db/loanRules.ts';
import { recordAudit } from '../db/auditLog.ts';
import { isUniqueViolation } from '../db/databaseErrors.ts';
import {
  findItemView,
  findPatronView,
  loanViewById,
  openLoanOfItem,
  type ItemView,
  type LoanView,
  type PatronView,
} from '../db/circulationViews.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { can } from '../policies/policies.ts';
import { presentLoan } from '../presenters/circulation.ts';
import type { CirculationActor } from './actor.ts';

export interface CheckOutProps {
  db: Kysely<Database>;
  /** The staff member lending, and the workstation (and so branch) they lend at. */
  actor: CirculationActor;
  /** As scanned; checked against the library's patron barcode rule. */
  patronBarcode: string;
  /** As scanned; checked against the library's item barcode rule. */
  itemBarcode: string;
  /** Epoch ms of the check-out; the due date counts from the branch's local date at this instant. */
  at: number;
  /**
   * When the item is on loan to another patron: check that loan in at `at`, then lend. Needs a role
   * allowed 'loan.override'; otherwise the check-out is refused with FORBIDDEN.
   */
  override?: boolean;
  /** Staff have looked at a damaged item and lend it anyway; without it, ITEM_NEEDS_A_LOOK. */
  confirmDamaged?: boolean;
  /**
   * A supervisor lends to a blocked or expired card anyway, saying why. Needs 'loan.override';
   * each loan made so gets an audit log entry ('loan.lendPastCard') with the reason.
   */
  lendPastCard?: { reason: string };
  /**
   * A supervisor lends an item caught for another patron's hold anyway, saying why. Needs
   * 'loan.override'; the other hold goes back to waiting (keeping its place) and an audit log entry
   * ('hold.overriddenAtCheckOut') records who and why.
   */
  overrideHold?: { reason: string };
  /**
   * Told after a damaged item was lent on staff's word. The loans table has no column for it, so
   * the route writes it to the server's log: who lent which damaged item to whom.
   */
  onDamagedLent?: (lent: DamagedLent) => void;
}

export interface DamagedLent {
  loanId: number;
  itemBarcode: string;
  staffUserId: number;
  workstationId: number;
}

/**
 * Lends the item, in one transaction: the loan (source 'online') is inserted and the item marked
 * on loan, or nothing changes. Two check-outs of one item at once cannot both succeed: the
 * loans_one_open_per_item index refuses the second, reported as ITEM_ON_LOAN.
 */
export async function checkOut(props: CheckOutProps): Promise<CheckOutResult> {
  const { db } = props;
  try {
    const result = await db.transaction().execute(async (trx) => {
      const { asked, found, openLoan } = await readCheckOut(trx, props);
      const decision = decideCheckOut(asked, found);
      if (decision.outcome === 'refused') throw refusalError(decision.refusal);
      return lend(trx, props, decision, openLoan);
    });
    if (result.damagedConfirmed) {
      props.onDamagedLent?.({
        loanId: result.lent.loan.id,
        itemBarcode: result.lent.loan.item.barcode,
        staffUserId: props.actor.staffUserId,
        workstationId: props.actor.workstationId,
      });
    }
    return result.lent;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another check-out of this item committed between our read and our insert (two desks, or
    // a scanner that sent the same item twice): say who has it now.
    const item = await findItemView(db, props.itemBarcode.trim());
    const current = item ? await openLoanOfItem(db, item.id) : undefined;
    const patron = await findPatronView(db, props.patronBarcode.trim());
    throw refusalError(itemOnLoan(current ? toOpenLoan(current) : null, patron?.id ?? null));
  }
}

/**
 * Everything the rules look at, read before any is applied. A read whose key is missing (a bad
 * scan, an unknown card or item) is skipped; `openLoan` is the item's open loan as a row.
 */
async function readCheckOut(
  trx: Transaction<Database>,
  props: CheckOutProps,
): Promise<{ asked: CheckOutAsked; found: CheckOutFound; openLoan: LoanView | undefined }> {
  const { actor, at } = props;
  const { barcodeRules } = await getLibrarySettings(trx);
  const asked: CheckOutAsked = {
    patronBarcode: scanBarcode('patron', props.patronBarcode, barcodeRules),
    itemBarcode: scanBarcode('item', props.itemBarcode, barcodeRules),
    at,
    override: props.override ?? false,
    mayOverride: can(actor.role, 'loan.override'),
    confirmDamaged: props.confirmDamaged ?? false,
    lendPastCard: props.lendPastCard !== undefined,
    overrideHold: props.overrideHold !== undefined,
  };
  const patronCheck = asked.patronBarcode.check;
  const itemCheck = asked.itemBarcode.check;
  const patron = patronCheck.ok ? await findPatronView(trx, patronCheck.barcode) : undefined;
  const item = itemCheck.ok ? await findItemView(trx, itemCheck.barcode) : undefined;

  const { branch, calendar } = await loadBranchCalendar(trx, actor.branchId, at);
  const openLoan = item ? await openLoanOfItem(trx, item.id) : undefined;
  const rule =
    patron && item
      ? await matchingLoanRule(trx, {
          patronTypeId: patron.patron_type_id,
          materialTypeId: item.material_type_id,
          branchId: branch.id,
        })
      : undefined;
  const onLoanOfMaterialType =
    patron && item ? await countOpenLoansOfMaterialType(trx, patron.id, item.material_type_id) : 0;
  const itemHold = item ? await trappedHoldOfItem(trx, item.id) : undefined;
  const patronWaitingHoldId =
    patron && item && item.title_id !== null
      ? await firstWaitingHoldOfPatron(
          trx,
          patron.id,
          { id: item.id, titleId: item.title_id },
          localDate(at, branch.time_zone),
        )
      : null;

  return {
    asked,
    openLoan,
    found: {
      patron: patron ? toCheckOutPatron(patron) : null,
      item: item ? toCheckOutItem(item) : null,
      branch: { id: branch.id, code: branch.code, name: branch.name, calendar },
      openLoan: openLoan ? toOpenLoan(openLoan) : null,
      loanRule: rule ? { loanDays: rule.loanDays, maxItems: rule.maxItems } : null,
      onLoanOfMaterialType,
      itemHold: itemHold ? toItemHold(itemHold) : null,
      patronWaitingHoldId,
    },
  };
}

/** The patron's first waiting hold this copy could fill today (on its title, or on this item). */
async function firstWaitingHoldOfPatron(
  trx: Transaction<Database>,
  patronId: number,
  copy: { id: number; titleId: number },
  today: string,
): Promise<number | null> {
  const holds = await waitingHoldsOfPatronOnTitle(trx, patronId, copy.titleId);
  const fits = holds.find(
    (hold) =>
      (hold.item_id === null || hold.item_id === copy.id) &&
      (hold.suspended_until === null || hold.suspended_until <= today),
  );
  return fits?.id ?? null;
}

function toItemHold(hold: HoldView): ItemHold {
  return {
    id: hold.id,
    patronId: hold.patron_id,
    patronShortName: shortPatronName(hold.patron_name),
    status: hold.status === 'on_shelf' ? 'on_shelf' : 'in_transit',
    shelfExpiresOn: hold.shelf_expires_on,
    pickupBranchName: hold.pickup_branch_name,
  };
}

/** The rule for this patron type and material type at the branch, else the library-wide one. */
async function matchingLoanRule(trx: Transaction<Database>, key: LoanRuleKey) {
  const { patronTypeId, materialTypeId, branchId } = key;
  const rules = await readLoanRules(trx, {
    patronTypeId,
    materialTypeId,
    ...(branchId === null ? {} : { inForceAt: branchId }),
  });
  return findLoanRule(rules, key);
}

/** The patron's open loans of one material type, counted against the rule's most items. */
async function countOpenLoansOfMaterialType(
  trx: Transaction<Database>,
  patronId: number,
  materialTypeId: number,
): Promise<number> {
  const { count } = await trx
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('loans.patron_id', '=', patronId)
    .where('loans.returned_at', 'is', null)
    .where('items.material_type_id', '=', materialTypeId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** The writes of a decided check-out: the old loan checked in if overriding, the loan, the item. */
async function lend(
  trx: Transaction<Database>,
  { actor, lendPastCard, overrideHold }: CheckOutProps,
  decision: Extract<CheckOutDecision, { outcome: 'lend' }>,
  /** The row of `decision.checkInFirst`, shown back as the replaced loan. */
  openLoan: LoanView | undefined,
): Promise<{ lent: CheckOutResult; damagedConfirmed: boolean }> {
  const { checkInFirst, checkedOutAt } = decision;
  if (checkInFirst) {
    await trx
      .updateTable('loans')
      .set({ returned_at: checkedOutAt })
      .where('id', '=', checkInFirst.id)
      .execute();
  }
  const inserted = await trx
    .insertInto('loans')
    .values({
      item_id: decision.itemId,
      patron_id: decision.patronId,
      checked_out_at: checkedOutAt,
      due_at: decision.dueAt,
      returned_at: null,
      branch_id: decision.branchId,
      staff_user_id: actor.staffUserId,
      workstation_id: actor.workstationId,
      source: 'online',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('items')
    .set({ status: 'on_loan' })
    .where('id', '=', decision.itemId)
    .execute();
  await settleHolds(trx, actor, decision, inserted.id, overrideHold?.reason ?? null);
  if (decision.pastCard !== null && lendPastCard) {
    await recordLendPastCard(
      trx,
      actor,
      inserted.id,
      decision.pastCard,
      lendPastCard.reason,
      checkedOutAt,
    );
  }
  const lent: CheckOutResult = {
    loan: presentLoan(await loanViewById(trx, inserted.id)),
    replacedLoan:
      checkInFirst && openLoan ? presentLoan({ ...openLoan, returned_at: checkedOutAt }) : null,
  };
  return { lent, damagedConfirmed: decision.damagedConfirmed };
}

/**
 * What the loan does to holds: a trap for another patron released (back to waiting, its place kept
 * by placed_at), the borrower's hold fulfilled, and a transit the item was on closed: it is in the
 * borrower's hands now.
 */
async function settleHolds(
  trx: Transaction<Database>,
  actor: CirculationActor,
  decision: Extract<CheckOutDecision, { outcome: 'lend' }>,
  loanId: number,
  overrideReason: string | null,
): Promise<void> {
  const at = decision.checkedOutAt;
  const { releasedHold, fillHoldId } = decision;
  if (releasedHold) {
    await trx
      .updateTable('holds')
      .set({ status: 'waiting', trapped_item_id: null, trapped_at: null, shelf_expires_on: null })
      .where('id', '=', releasedHold.id)
      .execute();
    const staff = await trx
      .selectFrom('staff_users')
      .select('username')
      .where('id', '=', actor.staffUserId)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: { kind: 'staff', staffUserId: actor.staffUserId, username: staff.username },
      action: 'hold.overriddenAtCheckOut',
      subjectType: 'hold',
      subjectId: releasedHold.id,
      before: { status: releasedHold.status, shelfExpiresOn: releasedHold.shelfExpiresOn },
      after: {
        status: 'waiting',
        loanId,
        itemId: decision.itemId,
        reason: overrideReason,
        workstationId: actor.workstationId,
      },
      at,
    });
  }
  if (fillHoldId !== null) {
    await trx
      .updateTable('holds')
      .set({
        status: 'fulfilled',
        fulfilled_loan_id: loanId,
        ended_at: at,
        ended_by: actor.staffUserId,
        trapped_item_id: decision.itemId,
        trapped_at: at,
      })
      .where('id', '=', fillHoldId)
      .execute();
  }
  await trx
    .updateTable('transits')
    .set({ received_at: at, received_by: actor.staffUserId })
    .where('item_id', '=', decision.itemId)
    .where('received_at', 'is', null)
    .execute();
}

/** Who let a blocked or expired card borrow, and why: one audit entry per loan made so. */
async function recordLendPastCard(
  trx: Transaction<Database>,
  actor: CirculationActor,
  loanId: number,
  card: 'blocked' | 'expired',
  reason: string,
  at: number,
): Promise<void> {
  const staff = await trx
    .selectFrom('staff_users')
    .select('username')
    .where('id', '=', actor.staffUserId)
    .executeTakeFirstOrThrow();
  const loan = await loanViewById(trx, loanId);
  await recordAudit(trx, {
    actor: { kind: 'staff', staffUserId: actor.staffUserId, username: staff.username },
    action: 'loan.lendPastCard',
    subjectType: 'loan',
    subjectId: loanId,
    before: null,
    after: {
      patronBarcode: loan.patron_barcode,
      itemBarcode: loan.item_barcode,
      card,
      reason,
      workstationId: actor.workstationId,
    },
    at,
  });
}

function toCheckOutPatron(patron: PatronView): CheckOutPatron {
  return {
    id: patron.id,
    barcode: patron.barcode,
    name: patron.name,
    expiresOn: patron.expires_on,
    blockReason: patron.block_reason,
    patronTypeCode: patron.patron_type_code,
    patronTypeName: patron.patron_type_name,
  };
}

function toCheckOutItem(item: ItemView): CheckOutItem {
  return {
    id: item.id,
    barcode: item.barcode,
    title: item.title,
    status: item.status,
    materialTypeCode: item.material_type_code,
    materialTypeName: item.material_type_name,
  };
}

function toOpenLoan(loan: LoanView): OpenLoan {
  return {
    id: loan.id,
    patronId: loan.patron_id,
    patronBarcode: loan.patron_barcode,
    patronName: loan.patron_name,
    itemTitle: loan.item_title,
    checkedOutAt: loan.checked_out_at,
    dueAt: loan.due_at,
    branchTimeZone: loan.branch_time_zone,
  };
}

function refusalError({ code, status, message, details }: CirculationRefusal): CircaError {
  return new CircaError(code, status, message, details);
}

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
import { trappedHoldOfItem } from '../db/holdShelfViews.ts';
import { findBorrowerAtCheckOut } from '../db/checkOutReads.ts';
import type { HoldView } from '../db/holdViews.ts';
import { findLoanRule, type LoanRuleKey } from '../../shared/loanRules/loanRules.ts';
import { loadBranchCalendar } from '../db/branchCalendar.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { readLoanRules } from '../db/loanRules.ts';
import { recordAudit } from '../db/auditLog.ts';
import { engineOf } from '../db/connect.ts';
import { isUniqueViolation } from '../db/databaseErrors.ts';
import {
  findItemWithOpenLoan,
  findPatronView,
  type ItemView,
  type LoanView,
  type PatronView,
} from '../db/circulationViews.ts';
import type { Branch, Database } from '../db/schema.ts';
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
      const { asked, found, openLoan, branch } = await readCheckOut(trx, props);
      const decision = decideCheckOut(asked, found);
      if (decision.outcome === 'refused') throw refusalError(decision.refusal);
      return lend(trx, props, decision, { openLoan, found, branch });
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
    const current = (await findItemWithOpenLoan(db, props.itemBarcode.trim()))?.openLoan;
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
): Promise<{
  asked: CheckOutAsked;
  found: CheckOutFound;
  openLoan: LoanView | undefined;
  branch: Branch;
}> {
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
  const { branch, calendar } = await loadBranchCalendar(trx, actor.branchId, at);
  const scanned = itemCheck.ok ? await findItemWithOpenLoan(trx, itemCheck.barcode) : undefined;
  const item = scanned?.item;
  const openLoan = scanned?.openLoan;
  // With the item known, its counts and holds come with the patron; without it, the patron alone.
  const borrower =
    patronCheck.ok && item
      ? await findBorrowerAtCheckOut(
          trx,
          patronCheck.barcode,
          { id: item.id, materialTypeId: item.material_type_id, titleId: item.title_id },
          localDate(at, branch.time_zone),
        )
      : undefined;
  const patron =
    borrower?.patron ??
    (patronCheck.ok && !item ? await findPatronView(trx, patronCheck.barcode) : undefined);
  const rule =
    patron && item
      ? await matchingLoanRule(trx, {
          patronTypeId: patron.patron_type_id,
          materialTypeId: item.material_type_id,
          branchId: branch.id,
        })
      : undefined;
  const onLoanOfMaterialType = borrower?.openLoansOfMaterialType ?? 0;
  const itemHold = item ? await trappedHoldOfItem(trx, item.id) : undefined;
  const patronWaitingHoldId = borrower?.firstWaitingHoldId ?? null;

  return {
    asked,
    openLoan,
    branch,
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

/** What the reads found that the writes show back: no need to read the new loan again. */
interface ReadForLending {
  /** The row of `decision.checkInFirst`, shown back as the replaced loan. */
  openLoan: LoanView | undefined;
  /** The patron and item lent to and lent (both found, or the rules would have refused). */
  found: CheckOutFound;
  /** The lending branch (the actor's). */
  branch: Branch;
}

/** The writes of a decided check-out: the old loan checked in if overriding, the loan, the item. */
async function lend(
  trx: Transaction<Database>,
  { actor, lendPastCard, overrideHold }: CheckOutProps,
  decision: Extract<CheckOutDecision, { outcome: 'lend' }>,
  { openLoan, found, branch }: ReadForLending,
): Promise<{ lent: CheckOutResult; damagedConfirmed: boolean }> {
  const { checkInFirst, checkedOutAt } = decision;
  if (checkInFirst) {
    await trx
      .updateTable('loans')
      .set({ returned_at: checkedOutAt })
      .where('id', '=', checkInFirst.id)
      .execute();
  }
  const inserted = await recordLoan(trx, actor, decision);
  const loan = lentLoanView(decision, inserted, found, branch);
  await settleHolds(trx, actor, decision, inserted.id, overrideHold?.reason ?? null);
  if (decision.pastCard !== null && lendPastCard) {
    await recordLendPastCard(
      trx,
      actor,
      loan,
      decision.pastCard,
      lendPastCard.reason,
      checkedOutAt,
    );
  }
  const lent: CheckOutResult = {
    loan: presentLoan(loan),
    replacedLoan:
      checkInFirst && openLoan ? presentLoan({ ...openLoan, returned_at: checkedOutAt }) : null,
  };
  return { lent, damagedConfirmed: decision.damagedConfirmed };
}

/**
 * The loan inserted (source 'online'), the item marked on loan, and a transit the item was on
 * closed: it is in the borrower's hands now. On PostgreSQL the three go as one statement (the
 * updates as data-modifying WITH clauses beside the insert), two round trips fewer per check-out;
 * SQLite, in process and without data-modifying WITH, runs them one by one. A second open loan of
 * the item fails the insert either way (loans_one_open_per_item), and nothing of it is written.
 */
async function recordLoan(
  trx: Transaction<Database>,
  actor: CirculationActor,
  decision: Extract<CheckOutDecision, { outcome: 'lend' }>,
): Promise<{ id: number; renewal_count: number }> {
  const at = decision.checkedOutAt;
  const loanRow = {
    item_id: decision.itemId,
    patron_id: decision.patronId,
    checked_out_at: at,
    due_at: decision.dueAt,
    returned_at: null,
    branch_id: decision.branchId,
    staff_user_id: actor.staffUserId,
    workstation_id: actor.workstationId,
    source: 'online' as const,
  };
  const markItemOnLoan = (db: Transaction<Database>) =>
    db.updateTable('items').set({ status: 'on_loan' }).where('id', '=', decision.itemId);
  const closeTransit = (db: Transaction<Database>) =>
    db
      .updateTable('transits')
      .set({ received_at: at, received_by: actor.staffUserId })
      .where('item_id', '=', decision.itemId)
      .where('received_at', 'is', null);
  if (engineOf(trx) === 'postgres') {
    return trx
      .with('lent', (db) =>
        db.insertInto('loans').values(loanRow).returning(['id', 'renewal_count']),
      )
      .with('item_on_loan', () => markItemOnLoan(trx).returning('id'))
      .with('transit_received', () => closeTransit(trx).returning('id'))
      .selectFrom('lent')
      .select(['id', 'renewal_count'])
      .executeTakeFirstOrThrow();
  }
  const inserted = await trx
    .insertInto('loans')
    .values(loanRow)
    .returning(['id', 'renewal_count'])
    .executeTakeFirstOrThrow();
  await markItemOnLoan(trx).execute();
  await closeTransit(trx).execute();
  return inserted;
}

/**
 * What the loan does to holds: a trap for another patron released (back to waiting, its place kept
 * by placed_at), and the borrower's hold fulfilled.
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
}

/** Who let a blocked or expired card borrow, and why: one audit entry per loan made so. */
async function recordLendPastCard(
  trx: Transaction<Database>,
  actor: CirculationActor,
  loan: LoanView,
  card: 'blocked' | 'expired',
  reason: string,
  at: number,
): Promise<void> {
  const staff = await trx
    .selectFrom('staff_users')
    .select('username')
    .where('id', '=', actor.staffUserId)
    .executeTakeFirstOrThrow();
  const loanId = loan.id;
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

/**
 * The new loan as loanViewById would read it back: its columns as inserted (and renewal_count as
 * the database defaulted it, from RETURNING), beside the patron, item and branch already read.
 */
function lentLoanView(
  decision: Extract<CheckOutDecision, { outcome: 'lend' }>,
  inserted: { id: number; renewal_count: number },
  { patron, item }: CheckOutFound,
  branch: Branch,
): LoanView {
  if (!patron || !item) {
    throw new Error('A check-out was decided without its patron or item: the rules must refuse.');
  }
  return {
    id: inserted.id,
    item_id: decision.itemId,
    patron_id: decision.patronId,
    checked_out_at: decision.checkedOutAt,
    due_at: decision.dueAt,
    returned_at: null,
    source: 'online',
    renewal_count: inserted.renewal_count,
    item_barcode: item.barcode,
    item_title: item.title,
    patron_barcode: patron.barcode,
    patron_name: patron.name,
    branch_code: branch.code,
    branch_time_zone: branch.time_zone,
  };
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

// Check out: lend an item to a patron at the actor's branch, refusing with a reason staff can act on.
import type { Kysely, Transaction } from 'kysely';
import type { CheckOutResult } from '../../shared/api/circulation.ts';
import { computeDueDate, localDate } from '../../shared/calendar/dueDates.ts';
import { findLoanRule } from '../../shared/loanRules/loanRules.ts';
import { patronStatus } from '../../shared/patrons/patronStatus.ts';
import { requireValidBarcode } from './barcodes.ts';
import { loadBranchCalendar } from '../db/branchCalendar.ts';
import { isUniqueViolation } from '../db/databaseErrors.ts';
import {
  findItemView,
  findPatronView,
  loanViewById,
  openLoanOfItem,
  type ItemView,
  type LoanView,
} from '../db/circulationViews.ts';
import type { Database, ItemStatus } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { can } from '../policies/policies.ts';
import { presentLoan } from '../presenters/circulation.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { CirculationActor } from './actor.ts';

/** Statuses under which an item stays on the shelf: it cannot be lent until staff change it. */
const NOT_LOANABLE: ReadonlySet<ItemStatus> = new Set(['lost', 'missing', 'withdrawn']);

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
}

/**
 * Lends the item, in one transaction: the loan (source 'online') is inserted and the item marked
 * on loan, or nothing changes. Two check-outs of one item at once cannot both succeed: the
 * loans_one_open_per_item index refuses the second, reported as ITEM_ON_LOAN.
 */
export async function checkOut(props: CheckOutProps): Promise<CheckOutResult> {
  const { db } = props;
  try {
    return await db.transaction().execute((trx) => lend(trx, props));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another check-out of this item committed between our read and our insert (two desks, or
    // a scanner that sent the same item twice): say who has it now.
    const item = await findItemView(db, props.itemBarcode.trim());
    const current = item ? await openLoanOfItem(db, item.id) : undefined;
    const patron = await findPatronView(db, props.patronBarcode.trim());
    throw itemOnLoan(current, patron?.id ?? null);
  }
}

async function lend(trx: Transaction<Database>, props: CheckOutProps): Promise<CheckOutResult> {
  const { actor, at } = props;
  const { barcodeRules } = await getLibrarySettings(trx);
  const patronBarcode = requireValidBarcode('patron', props.patronBarcode, barcodeRules);
  const itemBarcode = requireValidBarcode('item', props.itemBarcode, barcodeRules);

  const patron = await findPatronView(trx, patronBarcode);
  if (!patron) {
    throw new CircaError(
      'PATRON_NOT_FOUND',
      404,
      `No patron has the card ${patronBarcode}. Check the card, or register the patron first.`,
      { patronBarcode },
    );
  }
  const item = await findItemView(trx, itemBarcode);
  if (!item) {
    throw new CircaError(
      'ITEM_NOT_FOUND',
      404,
      `No item has the barcode ${itemBarcode}. Check the barcode, or add the item to the catalogue first.`,
      { itemBarcode },
    );
  }

  const { branch, calendar } = await loadBranchCalendar(trx, actor.branchId, at);
  const today = localDate(at, branch.time_zone);
  const status = patronStatus(
    { expiresOn: patron.expires_on, blockReason: patron.block_reason },
    today,
  );
  if (status === 'blocked') {
    throw new CircaError(
      'PATRON_BLOCKED',
      409,
      `${patron.name}'s card is blocked: ${patron.block_reason}. Resolve the block before lending.`,
      { patronBarcode, blockReason: patron.block_reason },
    );
  }
  if (status === 'expired') {
    throw new CircaError(
      'PATRON_EXPIRED',
      409,
      `${patron.name}'s card expired on ${patron.expires_on}. Renew the card before lending.`,
      { patronBarcode, expiresOn: patron.expires_on },
    );
  }
  if (NOT_LOANABLE.has(item.status)) {
    throw new CircaError(
      'ITEM_NOT_LOANABLE',
      409,
      `"${item.title}" is marked ${item.status} and cannot be lent. Set it aside for a supervisor to check its record.`,
      { itemBarcode, status: item.status },
    );
  }

  const current = await openLoanOfItem(trx, item.id);
  if (current) {
    if (current.patron_id === patron.id || !props.override) throw itemOnLoan(current, patron.id);
    if (!can(actor.role, 'loan.override')) {
      throw new CircaError(
        'FORBIDDEN',
        403,
        `"${item.title}" is on loan to another patron, and only a supervisor may check it in and lend it again. Ask a supervisor.`,
        { itemBarcode },
      );
    }
  }

  const rules = await trx
    .selectFrom('loan_rules')
    .selectAll()
    .where('patron_type_id', '=', patron.patron_type_id)
    .where('material_type_id', '=', item.material_type_id)
    .execute();
  const rule = findLoanRule(
    rules.map((row) => ({
      patronTypeId: row.patron_type_id,
      materialTypeId: row.material_type_id,
      branchId: row.branch_id,
      loanDays: row.loan_days,
      maxItems: row.max_items,
    })),
    {
      patronTypeId: patron.patron_type_id,
      materialTypeId: item.material_type_id,
      branchId: branch.id,
    },
  );
  if (!rule) {
    throw new CircaError(
      'NO_LOAN_RULE',
      409,
      `No loan rule lets a ${patron.patron_type_name} patron borrow ${item.material_type_name} at ${branch.name}. Ask an administrator to add a loan rule.`,
      {
        patronType: patron.patron_type_code,
        materialType: item.material_type_code,
        branch: branch.code,
      },
    );
  }
  await refuseOverLimit(trx, {
    patronId: patron.id,
    item,
    maxItems: rule.maxItems,
    patronName: patron.name,
  });

  let replacedLoan: LoanView | null = null;
  if (current) {
    await trx.updateTable('loans').set({ returned_at: at }).where('id', '=', current.id).execute();
    replacedLoan = { ...current, returned_at: at };
  }
  const due = computeDueDate(at, { kind: 'loanDays', days: rule.loanDays }, calendar);
  const inserted = await trx
    .insertInto('loans')
    .values({
      item_id: item.id,
      patron_id: patron.id,
      checked_out_at: at,
      due_at: due.dueAt,
      returned_at: null,
      branch_id: branch.id,
      staff_user_id: actor.staffUserId,
      workstation_id: actor.workstationId,
      source: 'online',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('items').set({ status: 'on_loan' }).where('id', '=', item.id).execute();
  return {
    loan: presentLoan(await loanViewById(trx, inserted.id)),
    replacedLoan: replacedLoan ? presentLoan(replacedLoan) : null,
  };
}

async function refuseOverLimit(
  trx: Transaction<Database>,
  props: { patronId: number; item: ItemView; maxItems: number; patronName: string },
): Promise<void> {
  const { count } = await trx
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('loans.patron_id', '=', props.patronId)
    .where('loans.returned_at', 'is', null)
    .where('items.material_type_id', '=', props.item.material_type_id)
    .executeTakeFirstOrThrow();
  if (Number(count) >= props.maxItems) {
    throw new CircaError(
      'MAX_ITEMS_REACHED',
      409,
      `${props.patronName} already has ${Number(count)} ${props.item.material_type_name} on loan, the most allowed (${props.maxItems}). Check one in before lending another.`,
      { limit: props.maxItems, onLoan: Number(count), materialType: props.item.material_type_code },
    );
  }
}

/** ITEM_ON_LOAN, saying whose card the item is on and since when; `patronId` is the borrower asking. */
function itemOnLoan(current: LoanView | undefined, patronId: number | null): CircaError {
  if (!current) {
    return new CircaError(
      'ITEM_ON_LOAN',
      409,
      'This item was just checked out at another desk. Look the item up to see who has it.',
    );
  }
  const details = {
    loanId: current.id,
    patronBarcode: current.patron_barcode,
    patronName: current.patron_name,
    checkedOutAt: current.checked_out_at,
    dueAt: current.due_at,
  };
  if (current.patron_id === patronId) {
    return new CircaError(
      'ITEM_ON_LOAN',
      409,
      `"${current.item_title}" is already on this patron's card. Scan the next item.`,
      details,
    );
  }
  const since = localDateTime(current.checked_out_at, current.branch_time_zone);
  return new CircaError(
    'ITEM_ON_LOAN',
    409,
    `"${current.item_title}" is on loan to ${current.patron_name} (${current.patron_barcode}) since ${since}. Check it in first, or ask a supervisor to override.`,
    details,
  );
}

/** 'YYYY-MM-DD HH:MM' at the lending branch, the way staff there read a clock. */
function localDateTime(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${localDate(at, timeZone)} ${part('hour')}:${part('minute')}`;
}

// Adding an item, editing it, marking it lost, missing, damaged or available again, withdrawing it:
// each checked first, then made with its audit log entry in one transaction. Withdrawn items stay
// in the database for their loan history; check-out refuses them (decideCheckOut's NOT_LOANABLE).
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import type { Item } from '../../shared/api/circulation.ts';
import type { ItemChanges, MarkableItemStatus, NewItem } from '../../shared/api/items.ts';
import { recordAudit, type AuditActor } from '../db/auditLog.ts';
import { isUniqueViolation } from '../db/databaseErrors.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import { itemViewById, requireBranchCode, requireMaterialTypeCode } from '../db/recordViews.ts';
import type { Database, ItemTable } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { presentItem } from '../presenters/circulation.ts';
import { requireValidBarcode } from './barcodes.ts';

type Trx = Transaction<Database>;

interface ItemChangeProps {
  db: Kysely<Database>;
  actor: AuditActor;
  /** Epoch ms: the audit entry's time. */
  at: number;
}

export const ITEM_BARCODE_IN_USE_MESSAGE =
  'This item barcode is already in use. Check the label, or put a new barcode on the item and scan that.';

export async function addItem(
  props: ItemChangeProps & { item: z.output<typeof NewItem> },
): Promise<Item> {
  const { barcodeRules } = await getLibrarySettings(props.db);
  const barcode = requireValidBarcode('item', props.item.barcode, barcodeRules);
  try {
    return await props.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('items')
        .select('id')
        .where('barcode', '=', barcode)
        .executeTakeFirst();
      if (taken) throw barcodeInUse(barcode);
      const materialType = await requireMaterialTypeCode(trx, props.item.materialType);
      const branch = await requireBranchCode(trx, 'branch', props.item.branch);
      const row = await trx
        .insertInto('items')
        .values({
          barcode,
          title: props.item.title,
          author: props.item.author,
          call_number: props.item.callNumber,
          material_type_id: materialType.id,
          branch_id: branch.id,
          status: 'available',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, props, 'item.add', null, row);
      return present(trx, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw barcodeInUse(barcode);
    throw error;
  }
}

export async function editItem(
  props: ItemChangeProps & { itemId: number; changes: z.output<typeof ItemChanges> },
): Promise<Item> {
  const { changes } = props;
  if (Object.keys(changes).length === 0) {
    throw new CircaError('BAD_REQUEST', 400, 'Nothing to change: send at least one field.');
  }
  return changeItem(props, 'item.edit', async (trx) => {
    const update: Updateable<ItemTable> = {};
    if (changes.title !== undefined) update.title = changes.title;
    if (changes.author !== undefined) update.author = changes.author;
    if (changes.callNumber !== undefined) update.call_number = changes.callNumber;
    if (changes.materialType !== undefined) {
      update.material_type_id = (await requireMaterialTypeCode(trx, changes.materialType)).id;
    }
    if (changes.branch !== undefined) {
      update.branch_id = (await requireBranchCode(trx, 'branch', changes.branch)).id;
    }
    return update;
  });
}

/**
 * Marks the item lost, missing, damaged or available. An item on loan may only be marked lost
 * (the patron says they lost it): its loan stays on their card, and checking it in when it turns
 * up makes it available again. Anything else waits until it is checked in, because the item is in
 * the patron's hands, not on the shelf to be looked at.
 */
export async function markItemStatus(
  props: ItemChangeProps & { itemId: number; status: MarkableItemStatus },
): Promise<Item> {
  return changeItem(props, 'item.markStatus', async (_trx, before) => {
    if (before.status === 'on_loan' && props.status !== 'lost') {
      throw new CircaError(
        'ITEM_ON_LOAN',
        409,
        `"${before.title}" is on loan: check it in first, then mark it ${props.status}. Only "lost" can be marked while it is on loan.`,
        { itemBarcode: before.barcode },
      );
    }
    return { status: props.status };
  });
}

/** Withdraws the item: kept for its history, never lent again. Refused while it is on loan. */
export async function withdrawItem(props: ItemChangeProps & { itemId: number }): Promise<Item> {
  return changeItem(props, 'item.withdraw', async (_trx, before) => {
    if (before.status === 'on_loan') {
      throw new CircaError(
        'ITEM_ON_LOAN',
        409,
        `"${before.title}" is on loan: check it in first, then withdraw it.`,
        { itemBarcode: before.barcode },
      );
    }
    return { status: 'withdrawn' };
  });
}

async function changeItem(
  props: ItemChangeProps & { itemId: number },
  action: string,
  decide: (trx: Trx, before: Selectable<ItemTable>) => Promise<Updateable<ItemTable>>,
): Promise<Item> {
  return props.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('items')
      .selectAll()
      .where('id', '=', props.itemId)
      .executeTakeFirst();
    if (!before) {
      throw new CircaError(
        'ITEM_NOT_FOUND',
        404,
        `No item has the id ${props.itemId}. Find the item again, then try again.`,
      );
    }
    if (before.status === 'withdrawn' && action !== 'item.edit') {
      throw new CircaError(
        'ITEM_WITHDRAWN',
        409,
        `"${before.title}" is withdrawn: it is kept for its history only and its status no longer changes.`,
        { itemBarcode: before.barcode },
      );
    }
    const update = await decide(trx, before);
    if (changesNothing(before, update)) {
      // Asked for what is already so (the same status, the same reason): no write, no entry.
      return present(trx, before.id);
    }
    const after = await trx
      .updateTable('items')
      .set(update)
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, props, action, before, after);
    return present(trx, after.id);
  });
}

function barcodeInUse(barcode: string): CircaError {
  return new CircaError('BARCODE_IN_USE', 409, ITEM_BARCODE_IN_USE_MESSAGE, {
    field: 'barcode',
    barcode,
  });
}

async function audit(
  trx: Trx,
  props: ItemChangeProps,
  action: string,
  before: Selectable<ItemTable> | null,
  after: Selectable<ItemTable>,
): Promise<void> {
  await recordAudit(trx, {
    actor: props.actor,
    action,
    subjectType: 'item',
    subjectId: after.id,
    before,
    after,
    at: props.at,
  });
}

async function present(trx: Trx, id: number): Promise<Item> {
  const view = await itemViewById(trx, id);
  if (!view) throw new Error(`Item ${id} vanished inside its own transaction.`);
  return presentItem(view);
}

/** True when every field of `update` already has that value in `before`. */
function changesNothing<Row extends object>(before: Row, update: Partial<Row>): boolean {
  return (Object.keys(update) as (keyof Row)[]).every((key) => update[key] === before[key]);
}

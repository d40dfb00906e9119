// Place a hold for a patron on a title (any copy) or on one copy, to collect at a pickup branch.
// Reads, then the rules decide (src/shared/holds/holdRules.ts), then one insert: all in one
// transaction, so a refusal changes nothing.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Hold } from '../../../shared/api/holds.ts';
import { ACTIVE_HOLD_STATUSES } from '../../../shared/api/holds.ts';
import { localDate } from '../../../shared/calendar/localTime.ts';
import { refusePlaceHold } from '../../../shared/holds/holdRules.ts';
import { findItemView, type ItemView } from '../../db/circulationViews.ts';
import { isUniqueViolation } from '../../db/databaseErrors.ts';
import { existingHoldView, readQueuePositions } from '../../db/holdViews.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import { isPostgres } from '../../db/migrations/columns.ts';
import type { Branch, Database } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { toHold } from '../../presenters/holds.ts';
import type { CirculationActor } from '../actor.ts';
import { requireValidBarcode } from '../barcodes.ts';
import { requirePatron } from '../lookups.ts';

export interface PlaceHoldProps {
  db: Kysely<Database>;
  /** The staff member placing it, at their workstation (whose branch is the default pickup). */
  actor: CirculationActor;
  /** The patron's card, as scanned. */
  patronBarcode: string;
  /** Any copy of this title will do. Give this or itemBarcode, not both. */
  titleId?: number;
  /** Only this copy will do. */
  itemBarcode?: string;
  /** Where the patron collects it; the workstation's branch when absent. */
  pickupBranchCode?: string;
  /** Epoch ms: the hold's place in the queue, and the day the card is judged on. */
  at: number;
}

/**
 * Places the hold at the end of the title's queue and answers it with its position. Two placings
 * for one patron and title at once cannot both succeed: on PostgreSQL the patron row is locked for
 * the check, and the holds_one_active_per_patron_title index refuses a second title hold anyway.
 */
export async function placeHold(props: PlaceHoldProps): Promise<Hold> {
  try {
    return await props.db.transaction().execute((trx) => place(trx, props));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new CircaError(
      'HOLD_ALREADY_PLACED',
      409,
      'This patron already has a hold on this title (placed a moment ago): look after that hold instead of placing another.',
    );
  }
}

async function place(trx: Transaction<Database>, props: PlaceHoldProps): Promise<Hold> {
  const { actor, at } = props;
  const patron = await requirePatron(trx, props.patronBarcode);
  if (isPostgres(trx as unknown as Kysely<unknown>)) {
    // Serialize this patron's placings: the second waits here, then sees the first's hold.
    await sql`select id from patrons where id = ${patron.id} for update`.execute(trx);
  }
  const item = props.itemBarcode === undefined ? null : await requireItem(trx, props.itemBarcode);
  const titleId = item ? titleIdOf(item) : props.titleId;
  if (titleId === undefined) {
    throw new CircaError('BAD_REQUEST', 400, 'Say which title or which copy to hold.');
  }
  const title = await trx
    .selectFrom('titles')
    .select(['id', 'title'])
    .where('id', '=', titleId)
    .executeTakeFirst();
  if (!title) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `No title has the number ${titleId}: search the catalogue again.`,
      {
        titleId,
      },
    );
  }
  const pickupBranchCode = props.pickupBranchCode?.trim();
  const pickup = pickupBranchCode
    ? await branchByCode(trx, pickupBranchCode)
    : await trx
        .selectFrom('branches')
        .selectAll()
        .where('id', '=', actor.branchId)
        .executeTakeFirst();

  const refusal = refusePlaceHold({
    today: localDate(at, patron.branch_time_zone),
    patron: { name: patron.name, expiresOn: patron.expires_on, blockReason: patron.block_reason },
    title,
    item: item ? { barcode: item.barcode, status: item.status } : null,
    pickupBranchFound: pickup !== undefined,
    pickupBranchCode: pickupBranchCode ?? '',
    hasActiveHoldOnTitle: await hasActiveHold(trx, patron.id, title.id),
    hasCopyOnLoan: await hasCopyOnLoan(trx, patron.id, title.id),
  });
  if (refusal) throw new CircaError(refusal.code, refusal.status, refusal.message, refusal.details);
  if (!pickup) throw new Error(`The workstation's branch ${actor.branchId} is gone.`);

  const { id } = await trx
    .insertInto('holds')
    .values({
      patron_id: patron.id,
      title_id: title.id,
      item_id: item?.id ?? null,
      pickup_branch_id: pickup.id,
      placed_at: at,
      placed_by: actor.staffUserId,
      placed_at_workstation_id: actor.workstationId,
      status: 'waiting',
      suspended_until: null,
      trapped_item_id: null,
      trapped_at: null,
      shelf_expires_on: null,
      ended_at: null,
      ended_by: null,
      fulfilled_loan_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view = await existingHoldView(trx, id);
  const positions = await readQueuePositions(trx, [view]);
  return toHold(view, positions.get(id) ?? null);
}

/** The item with the barcode, or INVALID_BARCODE / ITEM_NOT_FOUND. */
export async function requireItem(db: Kysely<Database>, rawBarcode: string): Promise<ItemView> {
  const { barcodeRules } = await getLibrarySettings(db);
  const barcode = requireValidBarcode('item', rawBarcode, barcodeRules);
  const item = await findItemView(db, barcode);
  if (!item) {
    throw new CircaError(
      'ITEM_NOT_FOUND',
      404,
      `No item has the barcode ${barcode}. Check the barcode, or search for the title instead.`,
      { itemBarcode: barcode },
    );
  }
  return item;
}

function titleIdOf(item: ItemView): number {
  if (item.title_id === null) throw new Error(`Item ${item.barcode} has no title (0011_holds).`);
  return item.title_id;
}

/** The branch with this code (as stored, or upper-cased), if any. */
export async function branchByCode(
  db: Kysely<Database>,
  code: string,
): Promise<Branch | undefined> {
  return db
    .selectFrom('branches')
    .selectAll()
    .where('code', 'in', [code, code.toUpperCase()])
    .orderBy('id')
    .executeTakeFirst();
}

async function hasActiveHold(
  db: Kysely<Database>,
  patronId: number,
  titleId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('holds')
    .select('id')
    .where('patron_id', '=', patronId)
    .where('title_id', '=', titleId)
    .where('status', 'in', [...ACTIVE_HOLD_STATUSES])
    .executeTakeFirst();
  return row !== undefined;
}

async function hasCopyOnLoan(
  db: Kysely<Database>,
  patronId: number,
  titleId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .select('loans.id')
    .where('loans.patron_id', '=', patronId)
    .where('loans.returned_at', 'is', null)
    .where('items.title_id', '=', titleId)
    .executeTakeFirst();
  return row !== undefined;
}

// The hold shelf of the desk's branch: the list (expired entries flagged by the branch's today), and
// clearing an expired hold's item from the shelf, which then fills the next hold or goes home.
//
// Expiry is evaluated when the shelf is read and when an item is cleared, never by a background
// job: a hold whose last day has passed changes nothing until staff take the item off the shelf,
// and until then the patron can still collect it, so there is nothing a nightly job could do that
// the desk does not do better at the moment it acts (and no job to fail or run twice).
import type { Kysely } from 'kysely';
import type {
  ClearFromShelfResult,
  HoldShelfEntry,
  HoldShelfList,
  TransitList,
} from '../../../shared/api/holds.ts';
import { localDate } from '../../../shared/calendar/dueDates.ts';
import { formatDay } from '../../../shared/calendar/formatDates.ts';
import { shelfHoldExpired } from '../../../shared/holds/holdShelfExpiry.ts';
import { shortPatronName } from '../../../shared/holds/shortPatronName.ts';
import { selectTransitViews, trappedHoldOfItem } from '../../db/holdShelfViews.ts';
import { existingHoldView, selectHoldViews } from '../../db/holdViews.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import type { Database } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { presentTransit, toHold } from '../../presenters/holds.ts';
import type { CirculationActor } from '../actor.ts';
import { requireValidBarcode } from '../barcodes.ts';
import { lockScannedItem, routeItem } from './routeItem.ts';

type Db = Kysely<Database>;

async function branchSummary(db: Db, branchId: number) {
  const branch = await db
    .selectFrom('branches')
    .select(['id', 'code', 'name', 'time_zone'])
    .where('id', '=', branchId)
    .executeTakeFirstOrThrow();
  return { id: branch.id, code: branch.code, name: branch.name, timeZone: branch.time_zone };
}

/** The items waiting on the desk's branch's hold shelf, soonest expiring (so expired) first. */
export async function readHoldShelf(props: {
  db: Db;
  actor: CirculationActor;
  /** Epoch ms: decides which entries have expired, by the branch's local date. */
  at: number;
}): Promise<HoldShelfList> {
  const { db, actor, at } = props;
  const branch = await branchSummary(db, actor.branchId);
  const today = localDate(at, branch.timeZone);
  const rows = await selectHoldViews(db)
    .innerJoin('items as shelved', 'shelved.id', 'holds.trapped_item_id')
    .select([
      'shelved.title as shelved_title',
      'shelved.call_number as shelved_call_number',
      // When the item reached this shelf: the transit that brought it here, else the trap itself.
      (eb) =>
        eb
          .selectFrom('transits')
          .select((sub) => sub.fn.max('transits.received_at').as('arrived'))
          .whereRef('transits.hold_id', '=', 'holds.id')
          .as('arrived_at'),
    ])
    .where('holds.pickup_branch_id', '=', actor.branchId)
    .where('holds.status', '=', 'on_shelf')
    .orderBy('holds.shelf_expires_on')
    .orderBy('holds.id')
    .execute();
  const entries: HoldShelfEntry[] = rows.map((row) => {
    const expiresOn = row.shelf_expires_on ?? today;
    return {
      hold: toHold(row, null),
      item: {
        id: row.trapped_item_id as number,
        barcode: row.trapped_item_barcode as string,
        title: row.shelved_title,
        callNumber: row.shelved_call_number,
      },
      since: row.arrived_at === null ? (row.trapped_at as number) : Number(row.arrived_at),
      expiresOn,
      expired: shelfHoldExpired(expiresOn, today),
    };
  });
  return { branch, entries };
}

/**
 * Takes an item whose hold has expired off the desk's branch's hold shelf: the hold expires (ended
 * now, by this staff member) and the item is routed as a return here, in one transaction.
 */
export async function clearFromShelf(props: {
  db: Db;
  actor: CirculationActor;
  /** As scanned; checked against the library's item barcode rule. */
  itemBarcode: string;
  at: number;
}): Promise<ClearFromShelfResult> {
  const { db, actor, at } = props;
  return db.transaction().execute(async (trx) => {
    const { barcodeRules } = await getLibrarySettings(trx);
    const itemBarcode = requireValidBarcode('item', props.itemBarcode, barcodeRules);
    const item = await lockScannedItem(trx, itemBarcode);
    const hold = await trappedHoldOfItem(trx, item.id);
    if (hold?.status !== 'on_shelf' || hold.pickup_branch_id !== actor.branchId) {
      throw new CircaError(
        'ITEM_NOT_ON_HOLD_SHELF',
        409,
        `"${item.title}" is not waiting on this branch's hold shelf for anyone. If its hold was cancelled, check it in to send it where it goes next.`,
        { itemBarcode },
      );
    }
    const { time_zone } = await trx
      .selectFrom('branches')
      .select('time_zone')
      .where('id', '=', actor.branchId)
      .executeTakeFirstOrThrow();
    const expiresOn = hold.shelf_expires_on ?? localDate(at, time_zone);
    if (!shelfHoldExpired(expiresOn, localDate(at, time_zone))) {
      throw new CircaError(
        'HOLD_NOT_EXPIRED',
        409,
        `"${item.title}" still waits for ${shortPatronName(hold.patron_name)} until ${formatDay(expiresOn)}. Leave it on the hold shelf.`,
        { itemBarcode, holdId: hold.id, shelfExpiresOn: expiresOn },
      );
    }
    await trx
      .updateTable('holds')
      .set({ status: 'expired', ended_at: at, ended_by: actor.staffUserId })
      .where('id', '=', hold.id)
      .where('status', '=', 'on_shelf')
      .execute();
    const routed = await routeItem({ trx, actor, item, at });
    return {
      expiredHold: toHold(await existingHoldView(trx, hold.id), null),
      routing: routed.routing,
    };
  });
}

/** Items travelling to (incoming) or from (outgoing) the desk's branch, not yet received. */
export async function readTransits(props: {
  db: Db;
  actor: CirculationActor;
}): Promise<TransitList> {
  const { db, actor } = props;
  const branch = await branchSummary(db, actor.branchId);
  const open = (column: 'transits.to_branch_id' | 'transits.from_branch_id') =>
    selectTransitViews(db)
      .where(column, '=', actor.branchId)
      .where('transits.received_at', 'is', null)
      .orderBy('transits.sent_at')
      .orderBy('transits.id')
      .execute();
  const [incoming, outgoing] = [
    await open('transits.to_branch_id'),
    await open('transits.from_branch_id'),
  ];
  return { branch, incoming: incoming.map(presentTransit), outgoing: outgoing.map(presentTransit) };
}

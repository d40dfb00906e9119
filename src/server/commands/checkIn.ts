// Check in: close the item's open loan, then route the item: the hold shelf here, in transit to a
// hold's pickup branch or home, or back on the shelves (src/shared/holds/checkInRouting.ts).
import type { Kysely } from 'kysely';
import type { CheckInResult } from '../../shared/api/circulation.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { shortPatronName } from '../../shared/holds/shortPatronName.ts';
import type { ItemView } from '../db/circulationViews.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { Database, ItemStatus } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { presentItem, presentLoan } from '../presenters/circulation.ts';
import type { CirculationActor } from './actor.ts';
import { requireValidBarcode } from './barcodes.ts';
import { lockScannedItemWithOpenLoan, routeItem } from './holds/routeItem.ts';

export interface CheckInProps {
  db: Kysely<Database>;
  /** Who checks the item in and where: the branch decides the hold shelf or the transit. */
  actor: CirculationActor;
  /** As scanned; checked against the library's item barcode rule. */
  itemBarcode: string;
  /** Epoch ms of the return; a return after the due instant is overdue. */
  at: number;
}

/**
 * Statuses an item not on loan may be checked in from: travelling, on the hold shelf (its hold may
 * have ended), or on the shelves (it may fill a hold or be away from home). Lost, missing, damaged
 * and withdrawn items stay as they are until staff change their record.
 */
const ROUTABLE_WITHOUT_LOAN: ReadonlySet<ItemStatus> = new Set([
  'available',
  'in_transit',
  'on_hold_shelf',
]);

/**
 * Closes the open loan (returned_at = at) and routes the item, in one transaction. Two desks
 * scanning one copy at once take turns on the item's row; two copies of one title fill two
 * different holds (the trap is guarded by the hold's status).
 */
export async function checkIn(props: CheckInProps): Promise<CheckInResult> {
  const { db, at, actor } = props;
  return db.transaction().execute(async (trx) => {
    const settings = await getLibrarySettings(trx);
    const itemBarcode = requireValidBarcode('item', props.itemBarcode, settings.barcodeRules);
    const { item, openLoan: loan } = await lockScannedItemWithOpenLoan(trx, itemBarcode);
    if (!loan && !ROUTABLE_WITHOUT_LOAN.has(item.status)) throw notOnLoan(item, itemBarcode);
    if (loan) {
      // Guarded by returned_at is null so a concurrent check-in cannot close the same loan twice.
      const closed = await trx
        .updateTable('loans')
        .set({ returned_at: at })
        .where('id', '=', loan.id)
        .where('returned_at', 'is', null)
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) {
        throw new CircaError(
          'ITEM_NOT_ON_LOAN',
          409,
          `"${item.title}" was just checked in at another desk: there is nothing left to check in. Scan the next item.`,
          { itemBarcode },
        );
      }
    }
    // The settings just read serve routing too (one read fewer); the calendar is read there.
    const routed = await routeItem({
      trx,
      actor,
      item,
      at,
      batch: { settings, calendars: new Map() },
    });
    if (!loan && !routed.changed) {
      const hold = routed.hold;
      if (hold?.status === 'on_shelf' && hold.shelf_expires_on !== null) {
        throw new CircaError(
          'ITEM_NOT_ON_LOAN',
          409,
          `"${item.title}" is not on loan: it waits on the hold shelf for ${shortPatronName(hold.patron_name)} until ${formatDay(hold.shelf_expires_on)}. Leave it on the hold shelf.`,
          { itemBarcode, holdId: hold.id },
        );
      }
      if (routed.routing.kind === 'transit') {
        throw new CircaError(
          'ITEM_NOT_ON_LOAN',
          409,
          `"${item.title}" is not on loan: it is already on its way to ${routed.routing.slip.toBranch.name}. Put it with the items in transit.`,
          { itemBarcode, transitId: routed.routing.slip.transitId },
        );
      }
      throw notOnLoan(item, itemBarcode);
    }
    return {
      loan: loan ? presentLoan({ ...loan, returned_at: at }) : null,
      item: presentItem({ ...item, status: routed.itemStatus }),
      overdue: loan ? at > loan.due_at : false,
      received: routed.received,
      receivedFrom: routed.receivedFrom,
      routing: routed.routing,
    };
  });
}

function notOnLoan(item: ItemView, itemBarcode: string): CircaError {
  const where =
    item.status === 'available'
      ? 'the item is already on the shelf'
      : `the item is marked ${item.status.replaceAll('_', ' ')}`;
  return new CircaError(
    'ITEM_NOT_ON_LOAN',
    409,
    `"${item.title}" is not on loan, so there is nothing to check in: ${where}. Scan the next item.`,
    { itemBarcode },
  );
}

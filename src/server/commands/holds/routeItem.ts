// Routes an item that is back in staff hands (checked in, or cleared from the hold shelf): reads what
// the rules need, lets decideCheckInRouting choose, and writes the choice in the caller's
// transaction: the transit closed or opened, the hold trapped, the item's status.
import type { Transaction } from 'kysely';
import type { CheckInRouting } from '../../../shared/api/holds.ts';
import type { BranchSummary } from '../../../shared/api/session.ts';
import { localDate } from '../../../shared/calendar/dueDates.ts';
import {
  decideCheckInRouting,
  itemStatusAfter,
  type CheckInRoutingDecision,
  type RouteDecision,
} from '../../../shared/holds/checkInRouting.ts';
import { nextHoldFor } from '../../../shared/holds/holdQueue.ts';
import { holdShelfExpiry } from '../../../shared/holds/holdShelfExpiry.ts';
import { loadBranchCalendar, type LoadedBranchCalendar } from '../../db/branchCalendar.ts';
import {
  findItemWithOpenLoan,
  type ItemView,
  type ItemWithOpenLoan,
} from '../../db/circulationViews.ts';
import { readHoldsCopyCouldFill } from '../../db/holdQueue.ts';
import { openTransitOfItem, transitViewById, trappedHoldOfItem } from '../../db/holdShelfViews.ts';
import { existingHoldView, type HoldView } from '../../db/holdViews.ts';
import { getLibrarySettings, type LibrarySettings } from '../../db/librarySettings.ts';
import type { Database, ItemStatus } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { presentHoldSlip, presentTransitSlip } from '../../presenters/holds.ts';
import { presentBranch } from '../../presenters/session.ts';
import type { CirculationActor } from '../actor.ts';

export interface RouteItemProps {
  trx: Transaction<Database>;
  /** Who routes it, where: a desk's actor, or the sender of an offline check-in. */
  actor: Pick<CirculationActor, 'staffUserId' | 'branchId'>;
  /** The item as read at the start of the caller's transaction (after lockScannedItem). */
  item: ItemView;
  /** Epoch ms of the scan. */
  at: number;
  /**
   * What is the same for every item of a batch routed at one `at` (offline processing), read once
   * by the caller instead of once per item. A desk's single check-in leaves it out.
   */
  batch?: RouteItemBatch;
}

/** The library settings, and the routing branches' calendars as of the batch's `at`. */
export interface RouteItemBatch {
  settings: LibrarySettings;
  /** Branch id → its calendar; a branch missing here is read as without a batch. */
  calendars: ReadonlyMap<number, LoadedBranchCalendar>;
}

export interface RoutedItem {
  received: boolean;
  /** When received: the branch the closed transit set out from, for "Received from <branch>". */
  receivedFrom: BranchSummary | null;
  routing: CheckInRouting;
  itemStatus: ItemStatus;
  /**
   * False when there was nothing to do: no transit to close, no hold to trap or move, and the item
   * keeps its status. A check-in of an item not on loan refuses then (ITEM_NOT_ON_LOAN).
   */
  changed: boolean;
  /** The hold that holds the item now, if any. */
  hold: HoldView | null;
}

/**
 * The scanned item, read under its row lock. The lock (a no-op update, taken on both engines) comes
 * first, found by barcode, its RETURNING saying whether the item exists; then the item is read, so
 * two desks scanning one copy at once take turns and the second reads what the first wrote. Copies
 * of one title are not serialized here: the guarded trap in routeItem makes two copies fill two
 * different holds. Refuses ITEM_NOT_FOUND for an unknown barcode.
 */
export async function lockScannedItem(
  trx: Transaction<Database>,
  itemBarcode: string,
): Promise<ItemView> {
  return (await lockScannedItemWithOpenLoan(trx, itemBarcode)).item;
}

/** As lockScannedItem, with the item's open loan read in the same statement (check-in needs both). */
export async function lockScannedItemWithOpenLoan(
  trx: Transaction<Database>,
  itemBarcode: string,
): Promise<ItemWithOpenLoan> {
  const locked = await trx
    .updateTable('items')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('barcode', '=', itemBarcode)
    .returning('id')
    .executeTakeFirst();
  const found = locked ? await findItemWithOpenLoan(trx, itemBarcode) : undefined;
  if (!found) {
    throw new CircaError(
      'ITEM_NOT_FOUND',
      404,
      `No item has the barcode ${itemBarcode}. Check the barcode, or set the item aside for a supervisor.`,
      { itemBarcode },
    );
  }
  return found;
}

export async function routeItem(props: RouteItemProps): Promise<RoutedItem> {
  const { trx, actor, item, at, batch } = props;
  const settings = batch?.settings ?? (await getLibrarySettings(trx));
  const { branch: here, calendar } =
    batch?.calendars.get(actor.branchId) ?? (await loadBranchCalendar(trx, actor.branchId, at));
  const today = localDate(at, here.time_zone);
  const openTransit = (await openTransitOfItem(trx, item.id)) ?? null;

  // A waiting hold another desk traps between our read and our write is skipped: read the queue
  // again and try the next one. Each pass, one more hold has left 'waiting', so this ends.
  for (;;) {
    const trapped = (await trappedHoldOfItem(trx, item.id)) ?? null;
    const nextHold =
      trapped || item.title_id === null
        ? null
        : nextHoldFor(
            { id: item.id, titleId: item.title_id },
            await readHoldsCopyCouldFill(trx, { id: item.id, titleId: item.title_id }, today),
            today,
          );
    const decision = decideCheckInRouting({
      hereBranchId: here.id,
      owningBranchId: item.branch_id,
      itemsFloat: settings.itemsFloat,
      openTransit: openTransit
        ? {
            id: openTransit.id,
            fromBranchId: openTransit.from_branch_id,
            toBranchId: openTransit.to_branch_id,
          }
        : null,
      trappedHold: trapped
        ? {
            id: trapped.id,
            pickupBranchId: trapped.pickup_branch_id,
            status: trapped.status === 'on_shelf' ? 'on_shelf' : 'in_transit',
          }
        : null,
      nextHold: nextHold ? { id: nextHold.id, pickupBranchId: nextHold.pickupBranchId } : null,
    });
    const { route } = decision;
    const shelfExpiresOn =
      route.kind === 'holdShelf' ? holdShelfExpiry(today, settings.holdShelfDays, calendar) : null;
    if (route.kind !== 'shelve' && route.trap) {
      const caught = await trx
        .updateTable('holds')
        .set({
          status: route.kind === 'holdShelf' ? 'on_shelf' : 'in_transit',
          trapped_item_id: item.id,
          trapped_at: at,
          shelf_expires_on: shelfExpiresOn,
        })
        .where('id', '=', route.holdId)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (Number(caught.numUpdatedRows) !== 1) continue;
    }
    return write(props, decision, trapped, shelfExpiresOn, here.id, openTransit);
  }
}

/** The writes after the trap: the old transit, a trapped hold's move, a new transit, the item. */
async function write(
  { trx, actor, item, at }: RouteItemProps,
  decision: CheckInRoutingDecision,
  trapped: HoldView | null,
  shelfExpiresOn: string | null,
  hereBranchId: number,
  openTransit: { id: number; from_branch_id: number } | null,
): Promise<RoutedItem> {
  const openTransitId = openTransit?.id ?? null;
  const { route, closeTransitId, received } = decision;
  let changed = closeTransitId !== null || (route.kind !== 'shelve' && route.trap);
  if (closeTransitId !== null) {
    await trx
      .updateTable('transits')
      .set({ received_at: at, received_by: actor.staffUserId })
      .where('id', '=', closeTransitId)
      .where('received_at', 'is', null)
      .execute();
  }
  // A hold that already holds the copy moves with it: onto the shelf here, or back on the road.
  if (route.kind === 'holdShelf' && !route.trap && trapped?.status === 'in_transit') {
    await trx
      .updateTable('holds')
      .set({ status: 'on_shelf', shelf_expires_on: shelfExpiresOn })
      .where('id', '=', route.holdId)
      .execute();
    changed = true;
  }
  if (route.kind === 'transit' && !route.trap && trapped?.status === 'on_shelf') {
    await trx
      .updateTable('holds')
      .set({ status: 'in_transit', shelf_expires_on: null })
      .where('id', '=', route.holdId)
      .execute();
  }
  let transitId: number | null = decision.alreadyOnItsWay ? openTransitId : null;
  if (route.kind === 'transit' && !decision.alreadyOnItsWay) {
    const inserted = await trx
      .insertInto('transits')
      .values({
        item_id: item.id,
        from_branch_id: hereBranchId,
        to_branch_id: route.toBranchId,
        reason: route.reason,
        hold_id: route.holdId,
        sent_at: at,
        sent_by: actor.staffUserId,
        received_at: null,
        received_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    transitId = inserted.id;
    changed = true;
  }
  const itemStatus = itemStatusAfter(route);
  if (itemStatus !== item.status) {
    await trx.updateTable('items').set({ status: itemStatus }).where('id', '=', item.id).execute();
    changed = true;
  }
  const hold =
    holdIdOf(route) === null ? null : await existingHoldView(trx, holdIdOf(route) as number);
  const receivedFrom =
    received && openTransit !== null
      ? presentBranch(
          await trx
            .selectFrom('branches')
            .selectAll()
            .where('id', '=', openTransit.from_branch_id)
            .executeTakeFirstOrThrow(),
        )
      : null;
  return {
    received,
    receivedFrom,
    itemStatus,
    changed,
    hold,
    routing: await slipFor(trx, item, route, hold, transitId),
  };
}

function holdIdOf(route: RouteDecision): number | null {
  return route.kind === 'shelve' ? null : route.holdId;
}

async function slipFor(
  trx: Transaction<Database>,
  item: ItemView,
  route: RouteDecision,
  hold: HoldView | null,
  transitId: number | null,
): Promise<CheckInRouting> {
  if (route.kind === 'holdShelf' && hold) {
    return {
      kind: 'holdShelf',
      slip: presentHoldSlip(hold, {
        barcode: item.barcode,
        title: item.title,
        callNumber: item.call_number,
      }),
    };
  }
  if (route.kind === 'transit' && transitId !== null) {
    return {
      kind: 'transit',
      slip: presentTransitSlip(await transitViewById(trx, transitId), hold),
    };
  }
  return { kind: 'shelve' };
}

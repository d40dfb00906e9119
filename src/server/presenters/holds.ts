// Turns hold rows (db/holdViews.ts) into the API's Hold. Exported for every screen's answer that
// carries a hold: a patron's holds, a title's queue, the hold shelf, a check-in's slip.
import type { Hold } from '../../shared/api/holds.ts';
import type { HoldView } from '../db/holdViews.ts';

/** `queuePosition`: the hold's place among its title's waiting holds; null unless waiting. */
export function toHold(hold: HoldView, queuePosition: number | null): Hold {
  return {
    id: hold.id,
    status: hold.status,
    patron: { id: hold.patron_id, barcode: hold.patron_barcode, name: hold.patron_name },
    title: { id: hold.title_id, title: hold.title_title, author: hold.title_author },
    item: hold.item_id === null ? null : { id: hold.item_id, barcode: hold.item_barcode ?? '' },
    pickupBranch: {
      id: hold.pickup_branch_id,
      code: hold.pickup_branch_code,
      name: hold.pickup_branch_name,
      timeZone: hold.pickup_branch_time_zone,
    },
    placedAt: Number(hold.placed_at),
    queuePosition: hold.status === 'waiting' ? queuePosition : null,
    suspendedUntil: hold.suspended_until,
    trappedItem:
      hold.trapped_item_id === null
        ? null
        : { id: hold.trapped_item_id, barcode: hold.trapped_item_barcode ?? '' },
    shelfExpiresOn: hold.shelf_expires_on,
    endedAt: hold.ended_at === null ? null : Number(hold.ended_at),
  };
}

/** Presents holds with their positions from readQueuePositions. */
export function toHolds(holds: readonly HoldView[], positions: Map<number, number>): Hold[] {
  return holds.map((hold) => toHold(hold, positions.get(hold.id) ?? null));
}

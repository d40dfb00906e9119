// Turns hold rows (db/holdViews.ts) into the API's Hold. Exported for every screen's answer that
// carries a hold: a patron's holds, a title's queue, the hold shelf, a check-in's slip. The transit
// slip and the transit list are presented from db/holdShelfViews.ts transit rows.
import type {
  Hold,
  HoldSlip,
  TransitSlip,
  TransitView as ApiTransitView,
} from '../../shared/api/holds.ts';
import { shortPatronName } from '../../shared/holds/shortPatronName.ts';
import type { TransitView } from '../db/holdShelfViews.ts';
import type { HoldView } from '../db/holdViews.ts';

function pickupBranchOf(hold: HoldView) {
  return {
    id: hold.pickup_branch_id,
    code: hold.pickup_branch_code,
    name: hold.pickup_branch_name,
    timeZone: hold.pickup_branch_time_zone,
  };
}

function transitBranchesOf(transit: TransitView) {
  return {
    fromBranch: {
      id: transit.from_branch_id,
      code: transit.from_code,
      name: transit.from_name,
      timeZone: transit.from_time_zone,
    },
    toBranch: {
      id: transit.to_branch_id,
      code: transit.to_code,
      name: transit.to_name,
      timeZone: transit.to_time_zone,
    },
  };
}

/** `queuePosition`: the hold's place among its title's waiting holds; null unless waiting. */
export function toHold(hold: HoldView, queuePosition: number | null): Hold {
  return {
    id: hold.id,
    status: hold.status,
    patron: { id: hold.patron_id, barcode: hold.patron_barcode, name: hold.patron_name },
    title: { id: hold.title_id, title: hold.title_title, author: hold.title_author },
    item: hold.item_id === null ? null : { id: hold.item_id, barcode: hold.item_barcode ?? '' },
    pickupBranch: pickupBranchOf(hold),
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

/** The hold slip of a hold on the shelf (its shelf_expires_on and trapped_at are set). */
export function presentHoldSlip(
  hold: HoldView,
  item: { barcode: string; title: string; callNumber: string },
): HoldSlip {
  if (hold.shelf_expires_on === null || hold.trapped_at === null) {
    throw new Error(`Hold ${hold.id} is not on the hold shelf, so it has no hold slip.`);
  }
  return {
    holdId: hold.id,
    patronShortName: shortPatronName(hold.patron_name),
    patronBarcode: hold.patron_barcode,
    itemBarcode: item.barcode,
    title: item.title,
    callNumber: item.callNumber,
    pickupBranch: pickupBranchOf(hold),
    shelfExpiresOn: hold.shelf_expires_on,
    trappedAt: hold.trapped_at,
  };
}

export function presentTransitSlip(transit: TransitView, hold: HoldView | null): TransitSlip {
  return {
    transitId: transit.id,
    reason: transit.reason,
    itemBarcode: transit.item_barcode,
    title: transit.item_title,
    callNumber: transit.item_call_number,
    ...transitBranchesOf(transit),
    sentAt: transit.sent_at,
    hold: hold
      ? {
          holdId: hold.id,
          patronShortName: shortPatronName(hold.patron_name),
          patronBarcode: hold.patron_barcode,
        }
      : null,
  };
}

export function presentTransit(transit: TransitView): ApiTransitView {
  return {
    id: transit.id,
    reason: transit.reason,
    item: { id: transit.item_id, barcode: transit.item_barcode, title: transit.item_title },
    ...transitBranchesOf(transit),
    sentAt: transit.sent_at,
    receivedAt: transit.received_at,
    holdId: transit.hold_id,
  };
}

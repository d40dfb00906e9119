// The rows check-in routing, the hold shelf and the transit list read: the hold that has caught an
// item (a HoldView from holdViews.ts); a transit with its item and branches. One query each, never
// one per row.
import type { Kysely, Transaction } from 'kysely';
import type { TransitReason } from '../../shared/api/holds.ts';
import { selectHoldViews, type HoldView } from './holdViews.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The active hold that has caught this item (at most one: holds_one_trap_per_item). */
export async function trappedHoldOfItem(db: Db, itemId: number): Promise<HoldView | undefined> {
  return selectHoldViews(db)
    .where('holds.trapped_item_id', '=', itemId)
    .where('holds.status', 'in', ['in_transit', 'on_shelf'])
    .executeTakeFirst();
}

export interface TransitRow {
  id: number;
  item_id: number;
  from_branch_id: number;
  to_branch_id: number;
  reason: TransitReason;
  hold_id: number | null;
  sent_at: number;
  received_at: number | null;
}

/** The item's open transit (at most one: transits_one_open_per_item). */
export async function openTransitOfItem(db: Db, itemId: number): Promise<TransitRow | undefined> {
  return db
    .selectFrom('transits')
    .select([
      'id',
      'item_id',
      'from_branch_id',
      'to_branch_id',
      'reason',
      'hold_id',
      'sent_at',
      'received_at',
    ])
    .where('item_id', '=', itemId)
    .where('received_at', 'is', null)
    .executeTakeFirst();
}

export interface TransitView extends TransitRow {
  item_barcode: string;
  item_title: string;
  item_call_number: string;
  from_code: string;
  from_name: string;
  from_time_zone: string;
  to_code: string;
  to_name: string;
  to_time_zone: string;
}

/** Transits with their item and both branches; add `where` on `transits.*`. */
export function selectTransitViews(db: Db) {
  return db
    .selectFrom('transits')
    .innerJoin('items', 'items.id', 'transits.item_id')
    .innerJoin('branches as origin', 'origin.id', 'transits.from_branch_id')
    .innerJoin('branches as destination', 'destination.id', 'transits.to_branch_id')
    .select([
      'transits.id',
      'transits.item_id',
      'transits.from_branch_id',
      'transits.to_branch_id',
      'transits.reason',
      'transits.hold_id',
      'transits.sent_at',
      'transits.received_at',
      'items.barcode as item_barcode',
      'items.title as item_title',
      'items.call_number as item_call_number',
      'origin.code as from_code',
      'origin.name as from_name',
      'origin.time_zone as from_time_zone',
      'destination.code as to_code',
      'destination.name as to_name',
      'destination.time_zone as to_time_zone',
    ]);
}

export async function transitViewById(db: Db, transitId: number): Promise<TransitView> {
  return selectTransitViews(db).where('transits.id', '=', transitId).executeTakeFirstOrThrow();
}

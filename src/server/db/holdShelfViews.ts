// The rows check-in routing, the hold shelf and the transit list read: a hold with its patron, title,
// item and pickup branch; a transit with its item and branches. One query each, never one per row.
import type { Kysely, Transaction } from 'kysely';
import type { HoldStatus, TransitReason } from '../../shared/api/holds.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface HoldView {
  id: number;
  status: HoldStatus;
  patron_id: number;
  patron_barcode: string;
  patron_name: string;
  title_id: number;
  title_title: string;
  title_author: string;
  item_id: number | null;
  item_barcode: string | null;
  pickup_branch_id: number;
  pickup_branch_code: string;
  pickup_branch_name: string;
  pickup_branch_time_zone: string;
  placed_at: number;
  suspended_until: string | null;
  trapped_item_id: number | null;
  trapped_item_barcode: string | null;
  trapped_at: number | null;
  shelf_expires_on: string | null;
  ended_at: number | null;
}

/** Holds with their patron, title, item, trapped item and pickup branch; add `where` on `holds.*`. */
export function selectHoldViews(db: Db) {
  return db
    .selectFrom('holds')
    .innerJoin('patrons', 'patrons.id', 'holds.patron_id')
    .innerJoin('titles', 'titles.id', 'holds.title_id')
    .innerJoin('branches as pickup', 'pickup.id', 'holds.pickup_branch_id')
    .leftJoin('items as wanted', 'wanted.id', 'holds.item_id')
    .leftJoin('items as trapped', 'trapped.id', 'holds.trapped_item_id')
    .select([
      'holds.id',
      'holds.status',
      'holds.patron_id',
      'patrons.barcode as patron_barcode',
      'patrons.name as patron_name',
      'holds.title_id',
      'titles.title as title_title',
      'titles.author as title_author',
      'holds.item_id',
      'wanted.barcode as item_barcode',
      'holds.pickup_branch_id',
      'pickup.code as pickup_branch_code',
      'pickup.name as pickup_branch_name',
      'pickup.time_zone as pickup_branch_time_zone',
      'holds.placed_at',
      'holds.suspended_until',
      'holds.trapped_item_id',
      'trapped.barcode as trapped_item_barcode',
      'holds.trapped_at',
      'holds.shelf_expires_on',
      'holds.ended_at',
    ]);
}

export async function holdViewById(db: Db, holdId: number): Promise<HoldView> {
  return selectHoldViews(db).where('holds.id', '=', holdId).executeTakeFirstOrThrow();
}

/** The active hold that has caught this item (at most one: holds_one_trap_per_item). */
export async function trappedHoldOfItem(db: Db, itemId: number): Promise<HoldView | undefined> {
  return selectHoldViews(db)
    .where('holds.trapped_item_id', '=', itemId)
    .where('holds.status', 'in', ['in_transit', 'on_shelf'])
    .executeTakeFirst();
}

/** The patron's first waiting hold on this title that the copy could fill, in queue order. */
export async function waitingHoldsOfPatronOnTitle(
  db: Db,
  patronId: number,
  titleId: number,
): Promise<{ id: number; item_id: number | null; suspended_until: string | null }[]> {
  return db
    .selectFrom('holds')
    .select(['id', 'item_id', 'suspended_until'])
    .where('patron_id', '=', patronId)
    .where('title_id', '=', titleId)
    .where('status', '=', 'waiting')
    .orderBy('placed_at')
    .orderBy('id')
    .execute();
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

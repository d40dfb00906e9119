// Holds with what a screen shows beside them: the patron, the title, the copy asked for or caught,
// the pickup branch. One query for any number of holds, and one more for their queue positions.
import type { Kysely, Transaction } from 'kysely';
import { queuePositions } from '../../shared/holds/holdRules.ts';
import type { HoldStatus } from '../../shared/api/holds.ts';
import { queuedHoldColumns, toQueuedHold } from './holdQueue.ts';
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
    .leftJoin('items as held', 'held.id', 'holds.item_id')
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
      'held.barcode as item_barcode',
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

export async function holdViewById(db: Db, holdId: number): Promise<HoldView | undefined> {
  return selectHoldViews(db).where('holds.id', '=', holdId).executeTakeFirst();
}

/** A hold the caller knows exists (it has just read or written it); throws if it does not. */
export async function existingHoldView(db: Db, holdId: number): Promise<HoldView> {
  return selectHoldViews(db).where('holds.id', '=', holdId).executeTakeFirstOrThrow();
}

/**
 * The queue position of each waiting hold among `holds`, counted over all waiting holds of their
 * titles (one statement, served by holds_queue).
 */
export async function readQueuePositions(
  db: Db,
  holds: readonly HoldView[],
): Promise<Map<number, number>> {
  const titleIds = [...new Set(holds.filter((h) => h.status === 'waiting').map((h) => h.title_id))];
  if (titleIds.length === 0) return new Map();
  const waiting = await db
    .selectFrom('holds')
    .select(queuedHoldColumns)
    .where('title_id', 'in', titleIds)
    .where('status', '=', 'waiting')
    .execute();
  return queuePositions(waiting.map(toQueuedHold));
}

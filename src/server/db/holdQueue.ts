// The waiting holds of a title, as the shared queue rules (shared/holds/holdQueue.ts) take them:
// one statement, served by holds_queue.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { QueuedHold } from '../../shared/holds/holdQueue.ts';
import type { Database, HoldTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The columns of a hold the queue rules look at: select these, then map with toQueuedHold. */
export const queuedHoldColumns = [
  'id',
  'patron_id',
  'title_id',
  'item_id',
  'pickup_branch_id',
  'placed_at',
  'status',
  'suspended_until',
] as const;

type QueuedHoldRow = Pick<Selectable<HoldTable>, (typeof queuedHoldColumns)[number]>;

/** A hold row as the shared queue rules take it. */
export function toQueuedHold(row: QueuedHoldRow): QueuedHold {
  return {
    id: row.id,
    patronId: row.patron_id,
    titleId: row.title_id,
    itemId: row.item_id,
    pickupBranchId: row.pickup_branch_id,
    placedAt: Number(row.placed_at),
    status: row.status,
    suspendedUntil: row.suspended_until,
  };
}

/** The title's waiting holds in queue order (suspended ones included: the rules skip them). */
export async function readWaitingHolds(db: Db, titleId: number): Promise<QueuedHold[]> {
  const rows = await db
    .selectFrom('holds')
    .select(queuedHoldColumns)
    .where('title_id', '=', titleId)
    .where('status', '=', 'waiting')
    .orderBy('placed_at')
    .orderBy('id')
    .execute();
  return rows.map(toQueuedHold);
}

/**
 * The first waiting holds this copy could fill today, in queue order: the same question as
 * holdsCopyCouldFill asks, filtered in SQL, so a check-in reads one row however deep the queue is.
 */
export async function readHoldsCopyCouldFill(
  db: Db,
  copy: { id: number; titleId: number },
  today: string,
  limit = 1,
): Promise<QueuedHold[]> {
  const rows = await db
    .selectFrom('holds')
    .select(queuedHoldColumns)
    .where('title_id', '=', copy.titleId)
    .where('status', '=', 'waiting')
    .where((eb) => eb.or([eb('item_id', 'is', null), eb('item_id', '=', copy.id)]))
    .where((eb) => eb.or([eb('suspended_until', 'is', null), eb('suspended_until', '<=', today)]))
    .orderBy('placed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toQueuedHold);
}

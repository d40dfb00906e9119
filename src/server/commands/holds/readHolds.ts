// What the patron page and the title page show of holds: a patron's holds, and a title with its
// copies and its queue. A few statements each, whatever the length of the queue.
import type { Kysely } from 'kysely';
import {
  ENDED_HOLDS_SHOWN,
  type PatronHolds,
  type TitleDetail,
} from '../../../shared/api/holdRequests.ts';
import { ACTIVE_HOLD_STATUSES } from '../../../shared/api/holds.ts';
import { selectItemViews } from '../../db/circulationViews.ts';
import { readQueuePositions, selectHoldViews } from '../../db/holdViews.ts';
import type { Database } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { presentItem } from '../../presenters/circulation.ts';
import { toHolds } from '../../presenters/holds.ts';
import { requirePatron } from '../lookups.ts';

export interface ReadPatronHoldsProps {
  db: Kysely<Database>;
  /** As scanned; checked against the library's patron barcode rule. */
  patronBarcode: string;
}

/** The patron's active holds, oldest first, then their last ENDED_HOLDS_SHOWN ended, newest first. */
export async function readPatronHolds(props: ReadPatronHoldsProps): Promise<PatronHolds> {
  const { db } = props;
  const patron = await requirePatron(db, props.patronBarcode);
  const active = await selectHoldViews(db)
    .where('holds.patron_id', '=', patron.id)
    .where('holds.status', 'in', [...ACTIVE_HOLD_STATUSES])
    .orderBy('holds.placed_at')
    .orderBy('holds.id')
    .execute();
  const ended = await selectHoldViews(db)
    .where('holds.patron_id', '=', patron.id)
    .where('holds.status', 'not in', [...ACTIVE_HOLD_STATUSES])
    .orderBy('holds.ended_at', 'desc')
    .orderBy('holds.id', 'desc')
    .limit(ENDED_HOLDS_SHOWN)
    .execute();
  const positions = await readQueuePositions(db, active);
  return { holds: toHolds([...active, ...ended], positions) };
}

export interface ReadTitleProps {
  db: Kysely<Database>;
  titleId: number;
}

/** The title, its copies (with the due date of those on loan), and its active holds in queue order. */
export async function readTitle({ db, titleId }: ReadTitleProps): Promise<TitleDetail> {
  const title = await db
    .selectFrom('titles')
    .select(['id', 'title', 'author'])
    .where('id', '=', titleId)
    .executeTakeFirst();
  if (!title) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `No title has the number ${titleId}: search the catalogue again.`,
      { titleId },
    );
  }
  const copies = await selectItemViews(db)
    .leftJoin('loans', (join) =>
      join.onRef('loans.item_id', '=', 'items.id').on('loans.returned_at', 'is', null),
    )
    .select('loans.due_at')
    .where('items.title_id', '=', titleId)
    .orderBy('branches.code')
    .orderBy('items.barcode')
    .execute();
  const queue = await selectHoldViews(db)
    .where('holds.title_id', '=', titleId)
    .where('holds.status', 'in', [...ACTIVE_HOLD_STATUSES])
    .orderBy('holds.placed_at')
    .orderBy('holds.id')
    .execute();
  const positions = await readQueuePositions(db, queue);
  return {
    title,
    copies: copies.map((copy) => ({
      ...presentItem(copy),
      dueAt: copy.due_at === null ? null : Number(copy.due_at),
    })),
    queue: toHolds(queue, positions),
  };
}

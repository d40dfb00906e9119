// What a renewal reads, set-based: open loans with their item, patron and what the rules need; the
// waiting holds of many titles in one statement. Renewing one loan and renewing all of a patron's
// loans read the same rows, so "Renew all" of 200 loans is a handful of statements, not 600.
import type { Kysely, Transaction } from 'kysely';
import type { QueuedHold } from '../../shared/holds/holdQueue.ts';
import { chunked } from './batching.ts';
import { queuedHoldColumns, toQueuedHold } from './holdQueue.ts';
import { selectLoanViews, type LoanView } from './circulationViews.ts';
import type { Database, ItemStatus } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Titles per statement: far under either engine's bound-parameter limit. */
const TITLES_PER_STATEMENT = 1000;

/** A loan as a screen shows it, with what the renewal rules look at. */
export interface RenewableLoanView extends LoanView {
  item_status: ItemStatus;
  item_title_id: number | null;
  item_material_type_id: number;
  patron_expires_on: string;
  patron_block_reason: string | null;
  patron_type_id: number;
}

function selectRenewableLoans(db: Db) {
  return selectLoanViews(db).select([
    'items.status as item_status',
    'items.title_id as item_title_id',
    'items.material_type_id as item_material_type_id',
    'patrons.expires_on as patron_expires_on',
    'patrons.block_reason as patron_block_reason',
    'patrons.patron_type_id',
  ]);
}

/** One loan, open or not (a renewal says LOAN_NOT_OPEN for a returned one); undefined if none. */
export async function renewableLoanById(
  db: Db,
  loanId: number,
): Promise<RenewableLoanView | undefined> {
  return selectRenewableLoans(db).where('loans.id', '=', loanId).executeTakeFirst();
}

/** Every open loan of the patron, soonest due first, as the loans list shows them. */
export async function renewableLoansOfPatron(
  db: Db,
  patronId: number,
): Promise<RenewableLoanView[]> {
  return selectRenewableLoans(db)
    .where('loans.patron_id', '=', patronId)
    .where('loans.returned_at', 'is', null)
    .orderBy('loans.due_at')
    .orderBy('loans.id')
    .execute();
}

/** Loans by id as the API shows them, in any order: one statement per thousand. */
export async function loanViewsByIds(db: Db, loanIds: readonly number[]): Promise<LoanView[]> {
  const views: LoanView[] = [];
  for (const ids of chunked(loanIds, TITLES_PER_STATEMENT)) {
    views.push(...(await selectLoanViews(db).where('loans.id', 'in', ids).execute()));
  }
  return views;
}

/** The waiting holds of these titles (suspended ones included: the queue rules skip them). */
export async function readWaitingHoldsOfTitles(
  db: Db,
  titleIds: readonly number[],
): Promise<QueuedHold[]> {
  const holds: QueuedHold[] = [];
  for (const ids of chunked([...new Set(titleIds)], TITLES_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('holds')
      .select(queuedHoldColumns)
      .where('title_id', 'in', ids)
      .where('status', '=', 'waiting')
      .execute();
    holds.push(...rows.map(toQueuedHold));
  }
  return holds;
}

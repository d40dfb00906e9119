// Close a branch for a day: due dates falling on it move to the next open day.
import type { Kysely } from 'kysely';
import type { ClosedDayCreated } from '../../shared/api/library.ts';
import { requireBranchByCode } from '../db/branches.ts';
import { isUniqueViolation } from '../db/databaseErrors.ts';
import type { Database } from '../db/schema.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { CircaError } from '../errors.ts';
import { presentLibraryBranch } from '../presenters/library.ts';

export interface AddClosedDayProps {
  db: Kysely<Database>;
  /** The branch code, e.g. MAIN. */
  branchCode: string;
  /** 'YYYY-MM-DD' in the branch's time zone; the caller has checked it is a real date. */
  date: string;
  /** Shown to staff beside the date, e.g. "Christmas Day". */
  reason: string;
}

/** Adds the closed day; a day already closed is refused (409) and left as it was. */
export async function addClosedDay(props: AddClosedDayProps): Promise<ClosedDayCreated> {
  const { db, date, reason } = props;
  const branch = await requireBranchByCode(db, props.branchCode);
  const alreadyClosed = () =>
    new CircaError(
      'CLOSED_DAY_EXISTS',
      409,
      `${branch.name} is already closed on ${formatDay(date)}. Choose another date, or remove that closed day first to change its reason.`,
      { branch: branch.code, date },
    );
  const existing = await db
    .selectFrom('closed_days')
    .select('date')
    .where('branch_id', '=', branch.id)
    .where('date', '=', date)
    .executeTakeFirst();
  if (existing) throw alreadyClosed();
  try {
    await db.insertInto('closed_days').values({ branch_id: branch.id, date, reason }).execute();
  } catch (error) {
    // Another administrator added the same day between our check and our insert.
    if (isUniqueViolation(error)) throw alreadyClosed();
    throw error;
  }
  return { branch: presentLibraryBranch(branch), closedDay: { date, reason } };
}

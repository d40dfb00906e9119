// Reopen a branch on a day that was closed. Loans already made keep the due date they were given.
import type { Kysely } from 'kysely';
import { requireBranchByCode } from '../db/branches.ts';
import type { Database } from '../db/schema.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { CircaError } from '../errors.ts';

export interface RemoveClosedDayProps {
  db: Kysely<Database>;
  /** The branch code, e.g. MAIN. */
  branchCode: string;
  /** 'YYYY-MM-DD' in the branch's time zone. */
  date: string;
}

/** Removes the closed day, or NOT_FOUND (404) when the branch was not closed that day. */
export async function removeClosedDay(props: RemoveClosedDayProps): Promise<void> {
  const { db, date } = props;
  const branch = await requireBranchByCode(db, props.branchCode);
  const result = await db
    .deleteFrom('closed_days')
    .where('branch_id', '=', branch.id)
    .where('date', '=', date)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) {
    throw new CircaError(
      'NOT_FOUND',
      404,
      `${branch.name} is not closed on ${formatDay(date)}, so there is nothing to remove. Check the date in the list of closed days.`,
      { branch: branch.code, date },
    );
  }
}

// A branch's calendar for due dates: its time zone, closed weekdays and closed days from today on.
import type { Kysely, Transaction } from 'kysely';
import { localDate, type BranchCalendar } from '../../shared/calendar/dueDates.ts';
import type { Branch, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** '0,6' → [0, 6]; '' → []. Anything but a weekday number 0–6 is skipped. */
export function parseClosedWeekdays(stored: string): number[] {
  return stored
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number)
    .filter((day) => Number.isInteger(day) && day >= 0 && day <= 6);
}

export interface LoadedBranchCalendar {
  branch: Branch;
  calendar: BranchCalendar;
}

/**
 * The branch and its calendar as of `at` (epoch ms). Closed days before the branch's local today
 * cannot affect a due date, so only later ones are read.
 */
export async function loadBranchCalendar(
  db: Db,
  branchId: number,
  at: number,
): Promise<LoadedBranchCalendar> {
  const branch = await db
    .selectFrom('branches')
    .selectAll()
    .where('id', '=', branchId)
    .executeTakeFirstOrThrow();
  const today = localDate(at, branch.time_zone);
  const closedRows = await db
    .selectFrom('closed_days')
    .select('date')
    .where('branch_id', '=', branchId)
    .where('date', '>=', today)
    .execute();
  return {
    branch,
    calendar: {
      timeZone: branch.time_zone,
      closedWeekdays: parseClosedWeekdays(branch.closed_weekdays),
      closedDates: new Set(closedRows.map((row) => row.date)),
    },
  };
}

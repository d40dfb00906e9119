// A branch's calendar for due dates: its time zone, closed weekdays and closed days from today on.
import { NoResultError, type Kysely, type Transaction } from 'kysely';
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
 * No time zone is more than a day behind UTC, so closed days from the UTC date a day before `at`
 * on include every one from any branch's local today on: the branch and those rows can be read in
 * one statement before the branch's time zone is known, and the few earlier ones dropped here.
 */
const LONGEST_TIME_ZONE_LAG_MS = 24 * 60 * 60 * 1000;

/**
 * The branch and its calendar as of `at` (epoch ms). Closed days before the branch's local today
 * cannot affect a due date, so only later ones are kept. One statement: the branch joined to its
 * closed days (a round trip less for every check-out and check-in).
 */
export async function loadBranchCalendar(
  db: Db,
  branchId: number,
  at: number,
): Promise<LoadedBranchCalendar> {
  const earliestLocalDate = new Date(at - LONGEST_TIME_ZONE_LAG_MS).toISOString().slice(0, 10);
  const query = db
    .selectFrom('branches')
    .leftJoin('closed_days', (join) =>
      join
        .onRef('closed_days.branch_id', '=', 'branches.id')
        .on('closed_days.date', '>=', earliestLocalDate),
    )
    .select([
      'branches.id',
      'branches.code',
      'branches.name',
      'branches.time_zone',
      'branches.closed_weekdays',
      'closed_days.date as closed_date',
    ])
    .where('branches.id', '=', branchId);
  const rows = await query.execute();
  const first = rows[0];
  if (!first) throw new NoResultError(query.toOperationNode());
  const branch: Branch = {
    id: first.id,
    code: first.code,
    name: first.name,
    time_zone: first.time_zone,
    closed_weekdays: first.closed_weekdays,
  };
  const today = localDate(at, branch.time_zone);
  const closedDates = new Set<string>();
  for (const { closed_date } of rows) {
    if (closed_date !== null && closed_date >= today) closedDates.add(closed_date);
  }
  return {
    branch,
    calendar: {
      timeZone: branch.time_zone,
      closedWeekdays: parseClosedWeekdays(branch.closed_weekdays),
      closedDates,
    },
  };
}

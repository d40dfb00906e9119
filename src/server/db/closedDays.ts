// A branch's closed days as staff list them: in date order, optionally within a range of dates.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ClosedDayRange {
  /** 'YYYY-MM-DD', inclusive; from the first closed day when absent. */
  from?: string | undefined;
  /** 'YYYY-MM-DD', inclusive; to the last closed day when absent. */
  to?: string | undefined;
}

export async function listClosedDays(
  db: Db,
  branchId: number,
  range: ClosedDayRange = {},
): Promise<{ date: string; reason: string }[]> {
  let query = db
    .selectFrom('closed_days')
    .select(['date', 'reason'])
    .where('branch_id', '=', branchId);
  if (range.from !== undefined) query = query.where('date', '>=', range.from);
  if (range.to !== undefined) query = query.where('date', '<=', range.to);
  return query.orderBy('date').execute();
}

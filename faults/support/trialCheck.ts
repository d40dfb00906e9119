// The set check on one trial's offline desks, read from the database the trial ran on: every
// transaction sent, acknowledged and stored compared by id (setCheck.ts), plus no item with two
// open loans.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';
import { checkTransactionSet, type SetCheckResult } from './setCheck.ts';

export async function checkTrialDesks(
  db: Kysely<Database>,
  workstations: string[],
  workstationIds: number[],
  generated: OfflineTransaction[],
  acknowledged: ReadonlySet<string>,
): Promise<SetCheckResult> {
  const stored = await db
    .selectFrom('offline_transactions')
    .select(['id', 'type', 'status', 'loan_id as loanId'])
    .where('workstation', 'in', workstations)
    .execute();
  const loans = await db
    .selectFrom('loans')
    .select('id')
    .where('source', '=', 'offline')
    .where('workstation_id', 'in', workstationIds)
    .execute();
  const openTwice = await itemsOpenTwice(db);
  if (openTwice.length > 0) {
    throw new Error(`Items with two open loans: ${JSON.stringify(openTwice)}`);
  }
  return checkTransactionSet({
    generated,
    acknowledged,
    stored: stored.map((row) => ({ ...row, loanId: row.loanId ?? null })),
    loanIds: loans.map((l) => l.id),
  });
}

/** Items with more than one open loan: none, whatever a trial did, or a loan was made twice. */
export function itemsOpenTwice(db: Kysely<Database>): Promise<{ item_id: number }[]> {
  return db
    .selectFrom('loans')
    .select('item_id')
    .where('returned_at', 'is', null)
    .groupBy('item_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
}

// Reads across a loan's two homes: loans (with the patron) and aged_loans (returned loans past the
// library's loan history setting, without the patron; see jobs/forgetOldLoanHistory.ts). Anything
// that counts circulation counts both.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** How many times the item has been lent: its loans, open or returned, and its aged loans. */
export async function timesLent(db: Kysely<Database>, itemId: number): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('loans')
        .select(sql<number>`count(*)`.as('n'))
        .where('item_id', '=', itemId)
        .as('loans'),
      eb
        .selectFrom('aged_loans')
        .select(sql<number>`count(*)`.as('n'))
        .where('item_id', '=', itemId)
        .as('aged'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.loans) + Number(row.aged);
}

/** Whether any loan, current, returned or aged, was made at the workstation. */
export async function anyLoanAtWorkstation(
  db: Kysely<Database>,
  workstationId: number,
): Promise<boolean> {
  const loan = await db
    .selectFrom('loans')
    .select('id')
    .where('workstation_id', '=', workstationId)
    .limit(1)
    .executeTakeFirst();
  if (loan) return true;
  const aged = await db
    .selectFrom('aged_loans')
    .select('id')
    .where('workstation_id', '=', workstationId)
    .limit(1)
    .executeTakeFirst();
  return aged !== undefined;
}

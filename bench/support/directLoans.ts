// Lends items straight in the database, at the Central Library by the demo desk's staff user, so a
// benchmark can give a patron hundreds of loans without timing (or waiting for) the check-outs.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { DEMO_DESK } from '../online/deskSessions.ts';

export interface DirectLoan {
  itemId: number;
  patronBarcode: string;
  checkedOutAt: number;
  dueAt: number;
}

/** Rows per insert: far under either engine's bound-parameter limit. */
const LOANS_PER_STATEMENT = 500;

/** Inserts the loans and marks their items on loan, in one transaction. */
export async function lendDirectly(db: Kysely<Database>, loans: readonly DirectLoan[]) {
  const branch = await db
    .selectFrom('branches')
    .select('id')
    .where('code', '=', 'MAIN')
    .executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', DEMO_DESK.username)
    .executeTakeFirstOrThrow();
  const patrons = await db
    .selectFrom('patrons')
    .select(['id', 'barcode'])
    .where('barcode', 'in', [...new Set(loans.map((loan) => loan.patronBarcode))])
    .execute();
  const idOf = (barcode: string) => patrons.find((p) => p.barcode === barcode)!.id;
  const rows = loans.map((loan) => ({
    item_id: loan.itemId,
    patron_id: idOf(loan.patronBarcode),
    checked_out_at: loan.checkedOutAt,
    due_at: loan.dueAt,
    returned_at: null,
    branch_id: branch.id,
    staff_user_id: staff.id,
    workstation_id: null,
    source: 'online' as const,
  }));
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += LOANS_PER_STATEMENT) {
      await trx
        .insertInto('loans')
        .values(rows.slice(start, start + LOANS_PER_STATEMENT))
        .execute();
    }
    await trx
      .updateTable('items')
      .set({ status: 'on_loan' })
      .where(
        'id',
        'in',
        loans.map((loan) => loan.itemId),
      )
      .execute();
  });
}

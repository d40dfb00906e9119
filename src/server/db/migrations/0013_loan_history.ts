// Loan history that forgets (issue 12): a returned loan older than the library's loan_history_days
// moves to aged_loans, which has no patron, and its renewals to aged_renewals; offline transactions
// settled that long ago lose their patron barcodes. The job is src/server/jobs/forgetOldLoanHistory.ts.
import { sql, type Kysely, type Migration } from 'kysely';

export const loanHistory: Migration = {
  async up(db: Kysely<unknown>) {
    // The loan's own id, kept: audit entries (subject 'loan') and reports still name it, and both
    // engines never hand out a deleted loan id again (AUTOINCREMENT, identity), so none collide.
    await db.schema
      .createTable('aged_loans')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('checked_out_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('returned_at', 'bigint', (c) => c.notNull())
      .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('workstation_id', 'integer', (c) => c.references('workstations.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('renewal_count', 'integer', (c) => c.notNull())
      .addColumn('aged_at', 'bigint', (c) => c.notNull())
      .execute();
    // "Times lent" counts an item's aged loans beside its loans.
    await db.schema.createIndex('aged_loans_by_item').on('aged_loans').column('item_id').execute();
    await db.schema
      .createIndex('aged_loans_by_workstation')
      .on('aged_loans')
      .column('workstation_id')
      .execute();

    // Renewals name no patron, but they record staff decisions (who renewed, which refusal a
    // supervisor overrode and why): they follow their loan instead of being deleted.
    await db.schema
      .createTable('aged_renewals')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('aged_loan_id', 'integer', (c) => c.notNull().references('aged_loans.id'))
      .addColumn('renewed_at', 'bigint', (c) => c.notNull())
      .addColumn('previous_due_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('workstation_id', 'integer', (c) => c.references('workstations.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('overridden_code', 'text')
      .addColumn('override_reason', 'text')
      .execute();
    await db.schema
      .createIndex('aged_renewals_by_loan')
      .on('aged_renewals')
      .columns(['aged_loan_id', 'id'])
      .execute();

    // The job's three queues, each read from an index in batches: returned loans by return time,
    // ended holds by end time, and the rows that still point at a loan about to age.
    await db.schema
      .createIndex('loans_returned')
      .on('loans')
      .columns(['returned_at', 'id'])
      .where(sql.ref('returned_at'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('holds_ended')
      .on('holds')
      .columns(['ended_at', 'id'])
      .where(sql.ref('ended_at'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('holds_by_fulfilled_loan')
      .on('holds')
      .column('fulfilled_loan_id')
      .where(sql.ref('fulfilled_loan_id'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('transits_by_hold')
      .on('transits')
      .column('hold_id')
      .where(sql.ref('hold_id'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('offline_transactions_by_loan')
      .on('offline_transactions')
      .column('loan_id')
      .where(sql.ref('loan_id'), 'is not', null)
      .execute();

    // Epoch ms the patron barcodes were cleared; null while the transaction still names its patron.
    await db.schema
      .alterTable('offline_transactions')
      .addColumn('patron_forgotten_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('offline_transactions_to_forget')
      .on('offline_transactions')
      .columns(['processed_at', 'id'])
      .where(sql.ref('patron_forgotten_at'), 'is', null)
      .execute();
  },
};

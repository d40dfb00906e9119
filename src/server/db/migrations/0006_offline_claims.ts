// What the server needs to treat an offline transaction as a claim (issue 18): the workstation an
// upload was sent from, a flag for loans only a supervisor could make online, and the library's
// limits on Special Loans and its choice for such loans.
import { sql, type Kysely, type Migration } from 'kysely';

/** Until a library sets its own: a Special Loan made offline may run up to a year. */
const DEFAULT_SPECIAL_LOAN_MAX_DAYS = 365;

export const offlineClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('library_settings')
      .addColumn('offline_special_loan_max_days', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(DEFAULT_SPECIAL_LOAN_MAX_DAYS)
          .check(sql`offline_special_loan_max_days between 1 and 3650`),
      )
      .execute();
    await db.schema
      .alterTable('library_settings')
      .addColumn('offline_override_policy', 'text', (c) =>
        c
          .notNull()
          .defaultTo('apply_and_flag')
          .check(sql`offline_override_policy in ('apply_and_flag', 'hold')`),
      )
      .execute();
    // The signed-in sender's workstation, as the session says (null for uploads stored before).
    await db.schema.alterTable('offline_uploads').addColumn('sent_from', 'text').execute();
    await db.schema
      .alterTable('offline_transactions')
      .addColumn('supervisor_review', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

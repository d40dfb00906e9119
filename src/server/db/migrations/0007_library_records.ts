// What a library needs to run on its own data (issue 11): an audit log of every change to its
// set-up, staff accounts that can be disabled, a default card period per patron type, renewals per
// loan rule, and a patron's contact details.
import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn } from './columns.ts';

/** Until a library sets its own: a new card is valid for three years. */
const DEFAULT_CARD_MONTHS = 36;
/** Until a library sets its own: a loan may be renewed twice. */
const DEFAULT_RENEWALS_ALLOWED = 2;

export const libraryRecords: Migration = {
  async up(db: Kysely<unknown>) {
    await idColumn(db, db.schema.createTable('audit_log'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      // Null when the change came from the command line (`circa create-admin`, `circa import`).
      .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
      // Who, in words, kept even if the account is renamed: 'admin', or 'command line'.
      .addColumn('actor', 'text', (c) => c.notNull())
      // What was done, e.g. 'branch.create', 'loanRule.update', 'staffUser.disable'.
      .addColumn('action', 'text', (c) => c.notNull())
      // What it was done to: a table-like name ('branch', 'loan_rule') and that row's id.
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      // JSON of the row before and after the change; null before a creation, after a deletion.
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .execute();
    await db.schema
      .createIndex('audit_log_by_time')
      .on('audit_log')
      .columns(['at', 'id'])
      .execute();
    await db.schema
      .createIndex('audit_log_by_subject')
      .on('audit_log')
      .columns(['subject_type', 'subject_id', 'at'])
      .execute();

    // Epoch ms when the account was disabled; null while it may sign in.
    await db.schema.alterTable('staff_users').addColumn('disabled_at', 'bigint').execute();

    await db.schema
      .alterTable('patron_types')
      .addColumn('card_months', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(DEFAULT_CARD_MONTHS)
          .check(sql`card_months between 1 and 1200`),
      )
      .execute();

    await db.schema
      .alterTable('loan_rules')
      .addColumn('renewals_allowed', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(DEFAULT_RENEWALS_ALLOWED)
          .check(sql`renewals_allowed between 0 and 99`),
      )
      .execute();

    for (const column of ['email', 'phone', 'address']) {
      await db.schema.alterTable('patrons').addColumn(column, 'text').execute();
    }
  },
};

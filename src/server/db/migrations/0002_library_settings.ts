// The library's own settings: its name, barcode rules, the loan period used offline when no loan rule
// matches, and whether offline clients may carry blocked card numbers. Exactly one row (id 1).
import { sql, type Kysely, type Migration } from 'kysely';

/** Until a library sets its own: any barcode is accepted, and offline loans without a rule get 21 days. */
const DEFAULT_LOAN_DAYS = 21;
const DEFAULT_BARCODE_RULES_JSON = JSON.stringify({
  patron: { length: null, prefix: '', checkDigit: 'none' },
  item: { length: null, prefix: '', checkDigit: 'none' },
});

export const librarySettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('library_settings')
      // A check rather than convention: a second settings row would make "the" settings ambiguous.
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('library_name', 'text', (c) => c.notNull())
      .addColumn('barcode_rules', 'text', (c) => c.notNull())
      .addColumn('default_loan_days', 'integer', (c) =>
        c.notNull().check(sql`default_loan_days between 1 and 3650`),
      )
      .addColumn('offline_blocked_list', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`offline_blocked_list in (0, 1)`),
      )
      .execute();
    // The row exists from the start, so reading the settings never has to guess a default.
    await sql`insert into library_settings
      (id, library_name, barcode_rules, default_loan_days, offline_blocked_list)
      values (1, 'Circa', ${DEFAULT_BARCODE_RULES_JSON}, ${DEFAULT_LOAN_DAYS}, 0)`.execute(db);
  },
};

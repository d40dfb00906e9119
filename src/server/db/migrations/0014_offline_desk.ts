// The whole desk offline (issue 13): items count their in-house uses; an offline check-in records
// where the item had to go next (hold shelf or transit) and a registration the patron it made; and
// the library's settings for offline renewals refused by a rule and for the block list's age.
import { sql, type Kysely, type Migration } from 'kysely';

/** Until a library sets its own: a block list older than a day is called out of date. */
const DEFAULT_BLOCK_LIST_MAX_AGE_HOURS = 24;

export const offlineDesk: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('items')
      .addColumn('in_house_uses', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`in_house_uses >= 0`),
      )
      .execute();

    // Where a checked-in item went next, for the report's "to hold shelf" and "to send in
    // transit". No foreign keys: the hold and the patron may be forgotten by the loan history rule
    // long before the report is, and the report then says so.
    await db.schema
      .alterTable('offline_transactions')
      .addColumn('routed_to', 'text', (c) => c.check(sql`routed_to in ('hold_shelf', 'transit')`))
      .execute();
    await db.schema
      .alterTable('offline_transactions')
      .addColumn('routed_hold_id', 'integer')
      .execute();
    await db.schema
      .alterTable('offline_transactions')
      .addColumn('routed_branch_id', 'integer')
      .execute();
    await db.schema
      .alterTable('offline_transactions')
      .addColumn('created_patron_id', 'integer')
      .execute();

    await db.schema
      .alterTable('library_settings')
      .addColumn('offline_renewal_refusal', 'text', (c) =>
        c
          .notNull()
          .defaultTo('apply_with_warning')
          .check(sql`offline_renewal_refusal in ('apply_with_warning', 'exception')`),
      )
      .execute();
    await db.schema
      .alterTable('library_settings')
      .addColumn('offline_block_list_max_age_hours', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(DEFAULT_BLOCK_LIST_MAX_AGE_HOURS)
          .check(sql`offline_block_list_max_age_hours between 1 and 8784`),
      )
      .execute();
  },
};

// The circulation core: branches, calendars, loan rules, patrons, items, loans, staff and sessions.
import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn } from './columns.ts';

export const circulation: Migration = {
  async up(db: Kysely<unknown>) {
    await idColumn(db, db.schema.createTable('branches'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('closed_weekdays', 'text', (c) => c.notNull().defaultTo(''))
      .execute();

    await db.schema
      .createTable('closed_days')
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('closed_days_pk', ['branch_id', 'date'])
      .execute();

    await idColumn(db, db.schema.createTable('patron_types'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await idColumn(db, db.schema.createTable('material_types'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await idColumn(db, db.schema.createTable('loan_rules'))
      .addColumn('patron_type_id', 'integer', (c) => c.notNull().references('patron_types.id'))
      .addColumn('material_type_id', 'integer', (c) => c.notNull().references('material_types.id'))
      .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
      .addColumn('loan_days', 'integer', (c) => c.notNull())
      .addColumn('max_items', 'integer', (c) => c.notNull())
      .execute();

    await idColumn(db, db.schema.createTable('patrons'))
      .addColumn('barcode', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('patron_type_id', 'integer', (c) => c.notNull().references('patron_types.id'))
      .addColumn('home_branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('expires_on', 'text', (c) => c.notNull())
      .addColumn('block_reason', 'text')
      .execute();

    await idColumn(db, db.schema.createTable('items'))
      .addColumn('barcode', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('call_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('material_type_id', 'integer', (c) => c.notNull().references('material_types.id'))
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('available'))
      .execute();

    await idColumn(db, db.schema.createTable('workstations'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await idColumn(db, db.schema.createTable('staff_users'))
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'bigint')
      .execute();

    await idColumn(db, db.schema.createTable('loans'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('patron_id', 'integer', (c) => c.notNull().references('patrons.id'))
      .addColumn('checked_out_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('returned_at', 'bigint')
      .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('workstation_id', 'integer', (c) => c.references('workstations.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    // The invariant that makes double lending impossible: at most one open loan per item.
    await db.schema
      .createIndex('loans_one_open_per_item')
      .on('loans')
      .column('item_id')
      .unique()
      .where(sql.ref('returned_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('loans_open_by_patron')
      .on('loans')
      .columns(['patron_id', 'returned_at'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_users.id'))
      .addColumn('workstation_id', 'integer', (c) => c.references('workstations.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_by_expiry').on('sessions').column('expires_at').execute();
  },
};

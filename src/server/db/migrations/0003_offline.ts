// Offline transactions as the server receives and processes them: every upload, every transaction
// stored once by its UUIDv7 (so a repeated upload is harmless), and every action staff take on an
// exception.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { idColumn, isPostgres } from './columns.ts';

export const offline: Migration = {
  async up(db: Kysely<unknown>) {
    // Processing order compares workstation names and ids by code point (compareForProcessing).
    // SQLite's default BINARY collation does; PostgreSQL needs "C", or its indexes would sort by
    // the server's locale and the database could not hand out batches in processing order.
    const byCodePoint = (c: ColumnDefinitionBuilder) =>
      isPostgres(db) ? c.modifyFront(sql`collate "C"`) : c;

    await idColumn(db, db.schema.createTable('offline_uploads'))
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_users.id'))
      .addColumn('workstation', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text')
      .addColumn('transaction_count', 'integer', (c) => c.notNull())
      .addColumn('new_count', 'integer', (c) => c.notNull())
      .addColumn('duplicate_count', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('offline_uploads_by_time')
      .on('offline_uploads')
      .column('received_at')
      .execute();

    await db.schema
      .createTable('offline_transactions')
      // The client's UUIDv7: the same transaction uploaded again hits this key and is ignored.
      .addColumn('id', 'text', (c) => byCodePoint(c).primaryKey())
      .addColumn('upload_id', 'integer', (c) => c.notNull().references('offline_uploads.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('workstation', 'text', (c) => byCodePoint(c).notNull())
      .addColumn('sequence', 'bigint', (c) => c.notNull())
      .addColumn('branch_code', 'text', (c) => c.notNull())
      .addColumn('staff_username', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'bigint', (c) => c.notNull())
      .addColumn('clock_offset_ms', 'bigint', (c) => c.notNull())
      .addColumn('corrected_at', 'bigint', (c) => c.notNull())
      .addColumn('occurred_day', 'text', (c) => c.notNull())
      .addColumn('patron_barcode', 'text')
      .addColumn('item_barcode', 'text')
      .addColumn('due_at', 'bigint')
      .addColumn('due_date_basis', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('outcome', 'text')
      .addColumn('message', 'text')
      .addColumn('codes', 'text')
      .addColumn('previous_patron_barcode', 'text')
      .addColumn('arrived_late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('loan_id', 'integer', (c) => c.references('loans.id'))
      .addColumn('processed_at', 'bigint')
      .execute();
    // Reports in time order.
    await db.schema
      .createIndex('offline_transactions_by_time')
      .on('offline_transactions')
      .columns(['corrected_at', 'workstation', 'sequence'])
      .execute();
    // Not unique on purpose: a second transaction with a sequence number already used is a conflict
    // to show staff (two workstations sharing a name), never a row to drop.
    await db.schema
      .createIndex('offline_transactions_by_workstation')
      .on('offline_transactions')
      .columns(['workstation', 'sequence'])
      .execute();
    await db.schema
      .createIndex('offline_transactions_by_upload')
      .on('offline_transactions')
      .columns(['upload_id', 'corrected_at'])
      .execute();
    // The processing queue (pending rows in processing order), the exceptions queue, and the
    // latest processed time per status (to notice late arrivals).
    await db.schema
      .createIndex('offline_transactions_by_status')
      .on('offline_transactions')
      .columns(['status', 'corrected_at', 'workstation', 'sequence', 'id'])
      .execute();
    await db.schema
      .createIndex('offline_transactions_by_day')
      .on('offline_transactions')
      .columns(['occurred_day', 'corrected_at'])
      .execute();

    await idColumn(db, db.schema.createTable('offline_exception_actions'))
      .addColumn('transaction_id', 'text', (c) => c.notNull().references('offline_transactions.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('patron_barcode', 'text')
      .addColumn('item_barcode', 'text')
      .addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_users.id'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('offline_exception_actions_by_transaction')
      .on('offline_exception_actions')
      .columns(['transaction_id', 'at'])
      .execute();
  },
};

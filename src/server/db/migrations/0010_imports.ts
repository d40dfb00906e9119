// Imports of a library's patrons and items (issue 11): each upload is an import, read into a preview
// of staged rows (what would be created, updated or left unchanged) and refusals, then applied in
// one transaction when an administrator confirms.
import { type Kysely, type Migration } from 'kysely';
import { idColumn } from './columns.ts';

export const imports: Migration = {
  async up(db: Kysely<unknown>) {
    await idColumn(db, db.schema.createTable('imports'))
      // 'patrons-csv', 'items-csv', 'items-marc', 'items-marcxml'
      .addColumn('kind', 'text', (c) => c.notNull())
      // The uploaded file, kept under the server's import folder until the import ends.
      .addColumn('file_path', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text')
      .addColumn('file_bytes', 'bigint', (c) => c.notNull())
      // JSON: the MARC barcode tag and subfield.
      .addColumn('options', 'text', (c) => c.notNull())
      // previewing, previewed, applying, applied, failed, cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('create_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('update_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unchanged_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('refused_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message', 'text')
      // Null when started from the command line.
      .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();

    // One row per barcode in the file: a second row with the same barcode is a duplicate.
    await db.schema
      .createTable('import_rows')
      .addColumn('import_id', 'integer', (c) =>
        c.notNull().references('imports.id').onDelete('cascade'),
      )
      .addColumn('barcode', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      // create, update, unchanged, refused
      .addColumn('action', 'text', (c) => c.notNull())
      // JSON of the patron or item to store; null when refused or unchanged.
      .addColumn('data', 'text')
      .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'barcode'])
      .execute();
    await db.schema
      .createIndex('import_rows_by_line')
      .on('import_rows')
      .columns(['import_id', 'action', 'line'])
      .execute();

    await db.schema
      .createTable('import_refusals')
      .addColumn('import_id', 'integer', (c) =>
        c.notNull().references('imports.id').onDelete('cascade'),
      )
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_refusals_by_line')
      .on('import_refusals')
      .columns(['import_id', 'line'])
      .execute();
  },
};

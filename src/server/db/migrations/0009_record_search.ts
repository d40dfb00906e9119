// Finding a patron by part of a name, and an item by words of its title or author, among a million
// rows, with indexes the DATABASE keeps in step, because registration, the demo seed and the
// importers all insert rows directly. SQLite: FTS5 tables with the trigram tokenizer (any part of
// a word of 3 characters or more), kept by triggers. PostgreSQL: pg_trgm GIN indexes, which serve
// ILIKE '%…%'. Existing rows are indexed here.
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './columns.ts';

export const recordSearch: Migration = {
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) {
      await postgresUp(db);
    } else {
      await sqliteUp(db);
    }
  },
};

async function sqliteUp(db: Kysely<unknown>): Promise<void> {
  // External-content tables: the text lives once, in patrons and items; these hold only the index.
  await sql`create virtual table patron_search using fts5(
    name, content='patrons', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`create virtual table item_search using fts5(
    title, author, content='items', content_rowid='id', tokenize='trigram')`.execute(db);

  await sql`create trigger patron_search_insert after insert on patrons begin
    insert into patron_search(rowid, name) values (new.id, new.name);
  end`.execute(db);
  await sql`create trigger patron_search_delete after delete on patrons begin
    insert into patron_search(patron_search, rowid, name) values ('delete', old.id, old.name);
  end`.execute(db);
  await sql`create trigger patron_search_update after update of name on patrons begin
    insert into patron_search(patron_search, rowid, name) values ('delete', old.id, old.name);
    insert into patron_search(rowid, name) values (new.id, new.name);
  end`.execute(db);

  await sql`create trigger item_search_insert after insert on items begin
    insert into item_search(rowid, title, author) values (new.id, new.title, new.author);
  end`.execute(db);
  await sql`create trigger item_search_delete after delete on items begin
    insert into item_search(item_search, rowid, title, author)
      values ('delete', old.id, old.title, old.author);
  end`.execute(db);
  await sql`create trigger item_search_update after update of title, author on items begin
    insert into item_search(item_search, rowid, title, author)
      values ('delete', old.id, old.title, old.author);
    insert into item_search(rowid, title, author) values (new.id, new.title, new.author);
  end`.execute(db);

  await sql`insert into patron_search(patron_search) values ('rebuild')`.execute(db);
  await sql`insert into item_search(item_search) values ('rebuild')`.execute(db);
}

async function postgresUp(db: Kysely<unknown>): Promise<void> {
  const trigramSchema = await trigramExtensionSchema(db);
  if (trigramSchema === null) {
    // The extension could not be created (no rights, or not installed with this PostgreSQL):
    // searches still answer correctly, by reading every row. docs/patrons-and-items.md says how to
    // add it later (create it, then run this migration's indexes by hand).
    return;
  }
  const opclass = sql.raw(`${quoteIdentifier(trigramSchema)}.gin_trgm_ops`);
  await sql`create index patrons_name_trigram on patrons using gin (name ${opclass})`.execute(db);
  await sql`create index items_title_author_trigram on items
    using gin ((title || ' ' || author) ${opclass})`.execute(db);
}

/**
 * The schema pg_trgm lives in, creating it in public if the database has none, or null when it
 * cannot be created. A database has the extension once, in one schema; naming that schema lets a
 * test run whose search path is only its own schema use it too.
 */
async function trigramExtensionSchema(db: Kysely<unknown>): Promise<string | null> {
  const existing = await installedTrigramSchema(db);
  if (existing !== null) return existing;
  // Migrations run in a transaction: a savepoint keeps a refused CREATE EXTENSION from aborting it.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await sql`savepoint create_pg_trgm`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm with schema public`.execute(db);
      await sql`release savepoint create_pg_trgm`.execute(db);
      return installedTrigramSchema(db);
    } catch {
      await sql`rollback to savepoint create_pg_trgm`.execute(db);
      // Another migration may have created it at the same moment: look again, then try once more.
      const created = await installedTrigramSchema(db);
      if (created !== null) return created;
    }
  }
  return null;
}

async function installedTrigramSchema(db: Kysely<unknown>): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema ?? null;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// The rest of the desk (issue 12): titles that group an item's copies, holds on a title or on one
// item, items in transit between branches, renewals per loan, and the library's settings for the
// hold shelf, floating collections and how long returned loans keep the patron.
import { sql, type Kysely, type Migration } from 'kysely';
import { idColumn, isPostgres } from './columns.ts';

/** Until a library sets its own: an item waits on the hold shelf for 7 open days. */
const DEFAULT_HOLD_SHELF_DAYS = 7;
/** Until a library sets its own: returned loans keep the patron for 30 days, then forget them. */
const DEFAULT_LOAN_HISTORY_DAYS = 30;

export const holds: Migration = {
  async up(db: Kysely<unknown>) {
    // A title is what a patron asks for when any copy will do. Items keep their own title and
    // author (what the desk shows); the database links each item to the title with the same
    // words, so every way items arrive (the desk, the importers, the demo seed) links them alike.
    await idColumn(db, db.schema.createTable('titles'))
      // lower(trim(title)) U+001F lower(trim(author)): copies catalogued alike are one title.
      .addColumn('match_key', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('items')
      .addColumn('title_id', 'integer', (c) => c.references('titles.id'))
      .execute();
    if (isPostgres(db)) await postgresTitleLinks(db);
    else await sqliteTitleLinks(db);
    await db.schema.createIndex('items_by_title').on('items').columns(['title_id', 'id']).execute();

    await idColumn(db, db.schema.createTable('holds'))
      .addColumn('patron_id', 'integer', (c) => c.notNull().references('patrons.id'))
      .addColumn('title_id', 'integer', (c) => c.notNull().references('titles.id'))
      // Null: any copy of the title will do; set: only this item.
      .addColumn('item_id', 'integer', (c) => c.references('items.id'))
      .addColumn('pickup_branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('placed_at', 'bigint', (c) => c.notNull())
      .addColumn('placed_by', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('placed_at_workstation_id', 'integer', (c) => c.references('workstations.id'))
      // HoldStatus: waiting, in_transit, on_shelf, fulfilled, cancelled, expired.
      .addColumn('status', 'text', (c) => c.notNull())
      // 'YYYY-MM-DD': not filled before this day; null when not suspended.
      .addColumn('suspended_until', 'text')
      // The copy caught for this hold (in transit to the pickup branch, or on its shelf).
      .addColumn('trapped_item_id', 'integer', (c) => c.references('items.id'))
      .addColumn('trapped_at', 'bigint')
      // 'YYYY-MM-DD' at the pickup branch: the last day the item waits on the shelf.
      .addColumn('shelf_expires_on', 'text')
      .addColumn('ended_at', 'bigint')
      .addColumn('ended_by', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('fulfilled_loan_id', 'integer', (c) => c.references('loans.id'))
      .execute();
    // The queue of a title, in the order holds were placed.
    await db.schema
      .createIndex('holds_queue')
      .on('holds')
      .columns(['title_id', 'status', 'placed_at', 'id'])
      .execute();
    await db.schema
      .createIndex('holds_by_patron')
      .on('holds')
      .columns(['patron_id', 'status'])
      .execute();
    await db.schema
      .createIndex('holds_on_shelf')
      .on('holds')
      .columns(['pickup_branch_id', 'status', 'shelf_expires_on'])
      .execute();
    // The invariant that makes a copy fill one hold at a time, whatever two desks do at once.
    await sql`create unique index holds_one_trap_per_item on holds (trapped_item_id)
      where status in ('in_transit', 'on_shelf')`.execute(db);

    await idColumn(db, db.schema.createTable('transits'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('from_branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      .addColumn('to_branch_id', 'integer', (c) => c.notNull().references('branches.id'))
      // TransitReason: 'hold' (to the pickup branch of hold_id) or 'home' (to the owning branch).
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('hold_id', 'integer', (c) => c.references('holds.id'))
      .addColumn('sent_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_by', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('received_at', 'bigint')
      .addColumn('received_by', 'integer', (c) => c.references('staff_users.id'))
      .execute();
    await sql`create unique index transits_one_open_per_item on transits (item_id)
      where received_at is null`.execute(db);
    await db.schema
      .createIndex('transits_by_destination')
      .on('transits')
      .columns(['to_branch_id', 'received_at'])
      .execute();
    await db.schema
      .createIndex('transits_by_origin')
      .on('transits')
      .columns(['from_branch_id', 'received_at'])
      .execute();

    await db.schema
      .alterTable('loans')
      .addColumn('renewal_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await idColumn(db, db.schema.createTable('renewals'))
      .addColumn('loan_id', 'integer', (c) => c.notNull().references('loans.id'))
      .addColumn('renewed_at', 'bigint', (c) => c.notNull())
      .addColumn('previous_due_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
      .addColumn('workstation_id', 'integer', (c) => c.references('workstations.id'))
      // LoanSource: 'online' now; 'offline' once offline renewals are processed.
      .addColumn('source', 'text', (c) => c.notNull())
      // The refusal a supervisor overrode (e.g. RENEWAL_LIMIT_REACHED), and why; null otherwise.
      .addColumn('overridden_code', 'text')
      .addColumn('override_reason', 'text')
      .execute();
    await db.schema
      .createIndex('renewals_by_loan')
      .on('renewals')
      .columns(['loan_id', 'id'])
      .execute();

    await db.schema
      .alterTable('library_settings')
      .addColumn('hold_shelf_days', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(DEFAULT_HOLD_SHELF_DAYS)
          .check(sql`hold_shelf_days between 1 and 365`),
      )
      .execute();
    await db.schema
      .alterTable('library_settings')
      .addColumn('items_float', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`items_float in (0, 1)`),
      )
      .execute();
    // Null: keep returned loans' patrons forever.
    await db.schema
      .alterTable('library_settings')
      .addColumn('loan_history_days', 'integer', (c) =>
        c.defaultTo(DEFAULT_LOAN_HISTORY_DAYS).check(sql`loan_history_days between 0 and 36500`),
      )
      .execute();
    await keepHistoryOfExistingLibrary(db);
  },
};

/**
 * A library that already lends when it upgrades keeps its whole loan history until an
 * administrator chooses how long to keep it: forgetting is not something an upgrade may do on its
 * own. A new library (no loans yet) starts with the 30 days.
 */
export async function keepHistoryOfExistingLibrary(db: Kysely<unknown>): Promise<void> {
  await sql`update library_settings set loan_history_days = null
    where exists (select 1 from loans)`.execute(db);
}

/** A row's title key as SQLite spells it. */
const sqliteKey = (row: 'new' | 'items') =>
  sql.raw(`lower(trim(${row}.title)) || char(31) || lower(trim(${row}.author))`);

async function sqliteTitleLinks(db: Kysely<unknown>): Promise<void> {
  await sql`insert or ignore into titles (match_key, title, author)
    select ${sqliteKey('items')}, items.title, items.author from items order by items.id`.execute(
    db,
  );
  await sql`update items set title_id =
    (select titles.id from titles where titles.match_key = ${sqliteKey('items')})`.execute(db);
  // The update inside changes only title_id, so neither trigger fires again. Not "insert or
  // ignore": inside a trigger, the conflict clause of the statement that fired it (an import's
  // upsert) overrides the trigger's own, so the title is added only when it does not exist yet.
  for (const [name, event] of [
    ['items_link_title_insert', 'after insert on items'],
    ['items_link_title_update', 'after update of title, author on items'],
  ] as const) {
    await sql`create trigger ${sql.raw(name)} ${sql.raw(event)} begin
      insert into titles (match_key, title, author)
        select ${sqliteKey('new')}, new.title, new.author
        where not exists (select 1 from titles where match_key = ${sqliteKey('new')});
      update items set title_id = (select id from titles where match_key = ${sqliteKey('new')})
        where id = new.id;
    end`.execute(db);
  }
}

/** The same key as PostgreSQL spells it. */
const postgresKey = (row: 'new' | 'items') =>
  sql.raw(`lower(btrim(${row}.title)) || chr(31) || lower(btrim(${row}.author))`);

async function postgresTitleLinks(db: Kysely<unknown>): Promise<void> {
  await sql`insert into titles (match_key, title, author)
    select distinct on (${postgresKey('items')}) ${postgresKey('items')}, items.title, items.author
    from items order by ${postgresKey('items')}, items.id
    on conflict (match_key) do nothing`.execute(db);
  await sql`update items set title_id = titles.id from titles
    where titles.match_key = ${postgresKey('items')}`.execute(db);
  await sql`create function items_link_title() returns trigger language plpgsql as $$
    declare
      title_key text := ${postgresKey('new')};
    begin
      insert into titles (match_key, title, author) values (title_key, new.title, new.author)
        on conflict (match_key) do nothing;
      select id into new.title_id from titles where match_key = title_key;
      return new;
    end $$`.execute(db);
  await sql`create trigger items_link_title before insert or update of title, author on items
    for each row execute function items_link_title()`.execute(db);
}

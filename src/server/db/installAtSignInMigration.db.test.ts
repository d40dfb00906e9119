// Migration 0015 on a library that already has workstations: staff sign-in does not start
// installing the offline client by surprise, while a new library has it on from the start.
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildWorkstation } from '../testing/factories.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

/** Puts a migrated database back as it was before 0015, so the next migrateToLatest runs it. */
async function undoMigration0015(db: Kysely<Database>): Promise<void> {
  await sql`drop table offline_client_reports`.execute(db);
  await sql`alter table library_settings drop column install_offline_client_at_sign_in`.execute(db);
  await sql`delete from kysely_migration where name = '0015_offline_client_reports'`.execute(db);
}

async function installAtSignIn(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('library_settings')
    .select('install_offline_client_at_sign_in')
    .executeTakeFirstOrThrow();
  return row.install_offline_client_at_sign_in;
}

describeEachEngine('migration 0015: install the offline client at sign-in', (engine) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
  });
  afterEach(() => test.dispose());

  it('is on for a library with no workstations yet', async () => {
    await undoMigration0015(test.db);
    await migrateToLatest(test.db);
    expect(await installAtSignIn(test.db)).toBe(1);
  });

  it('is off for a library that already had workstations when it upgraded', async () => {
    await undoMigration0015(test.db);
    await buildWorkstation(test.db, { name: 'UPGRADED-DESK' });
    await migrateToLatest(test.db);
    expect(await installAtSignIn(test.db)).toBe(0);
    const tables = await test.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('offline_client_reports');
  });
});

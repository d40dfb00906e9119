// Migration 0015 on a library that already has workstations: staff sign-in does not start
// installing the offline client by surprise, while a new library has it on from the start.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.ts';
import { buildWorkstation } from '../testing/factories.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabaseMigratedTo, type UpgradableDatabase } from './migratedTo.testing.ts';
import type { Database } from './schema.ts';

async function installAtSignIn(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('library_settings')
    .select('install_offline_client_at_sign_in')
    .executeTakeFirstOrThrow();
  return row.install_offline_client_at_sign_in;
}

describeEachEngine('migration 0015: install the offline client at sign-in', (engine) => {
  // As a library still running the version before 0015 has it.
  let test: UpgradableDatabase;
  beforeEach(async () => {
    test = await openDatabaseMigratedTo(engine, '0014_offline_desk');
  });
  afterEach(() => test.dispose());

  it('is on for a library with no workstations yet', async () => {
    await migrateToLatest(test.db);
    expect(await installAtSignIn(test.db)).toBe(1);
  });

  it('is off for a library that already had workstations when it upgraded', async () => {
    await buildWorkstation(test.db, { name: 'UPGRADED-DESK' });
    await migrateToLatest(test.db);
    expect(await installAtSignIn(test.db)).toBe(0);
    const tables = await test.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('offline_client_reports');
  });
});

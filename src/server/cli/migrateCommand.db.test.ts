// `circa migrate` in its own process: it creates the schema in a database that has nothing yet,
// and a second run finds nothing to do. On each engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.ts';
import { MIGRATIONS } from '../db/migrate.ts';
import { runCommandLine } from '../testing/circaCommandLine.testing.ts';
import { createPostgresTestDatabase, describeEachEngine } from '../testing/engines.ts';

describeEachEngine('circa migrate', (engine) => {
  const cleanUps: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanUp of cleanUps.splice(0)) await cleanUp();
  });

  /** A database with no tables at all, and how another process and this one reach it. */
  async function emptyDatabase(): Promise<{ url: string }> {
    if (engine === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'circa-migrate-'));
      cleanUps.push(async () => rmSync(dir, { recursive: true, force: true }));
      return { url: `sqlite:${join(dir, 'new', 'circa.sqlite')}` };
    }
    const database = await createPostgresTestDatabase();
    cleanUps.push(database.drop);
    return { url: database.url };
  }

  it('brings an empty database up to date, and changes nothing the second time', async () => {
    const database = await emptyDatabase();
    const databaseUrl = database.url;
    const first = await runCommandLine(['migrate'], { databaseUrl });
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`The ${engine} database is up to date.\n`);
    expect(first.code).toBe(0);

    const handle = connectDatabase(database.url);
    try {
      const applied = await handle.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied).toHaveLength(Object.keys(MIGRATIONS).length);
      const settings = await handle.db
        .selectFrom('library_settings')
        .select('library_name')
        .executeTakeFirstOrThrow();
      expect(settings.library_name).toBe('Circa');
      // Migrating never seeds: the demo library is the server's choice (CIRCA_DEMO), not this one's.
      expect(await handle.db.selectFrom('branches').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }

    const second = await runCommandLine(['migrate'], { databaseUrl });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`The ${engine} database is up to date.\n`);
  });
});

it('names a wrong DATABASE_URL and fails', async () => {
  const run = await runCommandLine(['migrate'], { databaseUrl: 'mysql://library@db/circa' });
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    "Nothing was done: DATABASE_URL must start with 'sqlite:' or 'postgres://' (got 'mysql:…').\n",
  );
});

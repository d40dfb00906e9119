import { Kysely, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../testing/apiHarness.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { engineOf } from './connect.ts';
import type { Database } from './schema.ts';

describeEachEngine('engineOf', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.dispose());

  it('names the engine connectDatabase opened, as the handle does', () => {
    expect(engineOf(database.db)).toBe(engine);
    expect(database.engine).toBe(engine);
  });

  it('names it inside a transaction too', async () => {
    const seen = await database.db.transaction().execute(async (trx) => engineOf(trx));
    expect(seen).toBe(engine);
  });

  it('is what the app reports', () => {
    const app = buildApp({ db: database.db, config: testConfig() });
    expect(app.engine).toBe(engine);
  });
});

it('refuses to guess for a database connectDatabase did not open', async () => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
  });
  expect(() => engineOf(db)).toThrow(/not opened by connectDatabase/);
  await db.destroy();
});

// Runs database tests once per engine: SQLite in a temporary file, PostgreSQL in a schema of its own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { connectDatabase, type DatabaseHandle, type Engine } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

export const TEST_POSTGRES_URL =
  process.env.CIRCA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** CIRCA_TEST_ENGINES=sqlite runs only SQLite; CI always runs both and fails if PostgreSQL is down. */
export const TEST_ENGINES: Engine[] = (process.env.CIRCA_TEST_ENGINES ?? 'sqlite,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter((e): e is Engine => e === 'sqlite' || e === 'postgres');

export interface TestDatabase extends DatabaseHandle {
  /** The DATABASE_URL-style address, for tests that start a second server or process. */
  url: string;
  /** PostgreSQL only: the schema this test database lives in. */
  searchPath?: string;
  /** Closes the connections and deletes the database. */
  dispose(): Promise<void>;
}

/** A new, empty, migrated database on the given engine. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'circa-test-'));
    const url = `sqlite:${join(dir, 'circa.sqlite')}`;
    const handle = connectDatabase(url);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      url,
      async dispose() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const handle = connectDatabase(TEST_POSTGRES_URL, { searchPath: schema });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: TEST_POSTGRES_URL,
    searchPath: schema,
    async dispose() {
      await handle.close();
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL}. Start it, or run CIRCA_TEST_ENGINES=sqlite for SQLite only.`,
      { cause: error },
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** `describe` once per engine; the body receives the engine name. */
export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  describe.each(TEST_ENGINES)(`${name} [%s]`, (engine) => {
    body(engine);
  });
}

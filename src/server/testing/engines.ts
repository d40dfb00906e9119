// Runs database tests once per engine: SQLite in a temporary file, PostgreSQL in a database of its
// own (not a schema: files run side by side, and a database shares neither catalog, advisory locks
// nor notifications with another).
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import {
  connectDatabase,
  type ConnectOptions,
  type DatabaseHandle,
  type Engine,
} from '../db/connect.ts';
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
  /** Closes the connections and deletes the database. */
  dispose(): Promise<void>;
}

/** A new, empty, migrated database on the given engine; `log` hears every statement sent. */
export async function openTestDatabase(
  engine: Engine,
  options: Pick<ConnectOptions, 'log'> = {},
): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'circa-test-'));
    const path = join(dir, 'circa.sqlite');
    copyFileSync(await migratedSqliteTemplate(), path);
    const url = `sqlite:${path}`;
    const handle = connectDatabase(url, options);
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
  const database = await createPostgresTestDatabase('circa_test', await migratedPostgresTemplate());
  const handle = connectDatabase(database.url, options);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: database.url,
    async dispose() {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * A new PostgreSQL database, empty or a copy of `template`, its address, and how to drop it (with
 * any connection a killed child process left behind).
 */
export async function createPostgresTestDatabase(
  prefix = 'circa_test',
  template = 'template1',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    name,
    url: postgresTestUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function postgresTestUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/*
 * Migrating a new database runs every migration (a second and a half on PostgreSQL, several
 * hundred statements); copying one already migrated takes a few milliseconds. The templates are
 * named by the migrations' source, so a changed migration makes a new one: a test never runs on a
 * schema its migrations would not make.
 */

const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'db', 'migrations');

function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(MIGRATIONS_DIR, '..', 'migrate.ts')));
  for (const file of readdirSync(MIGRATIONS_DIR).toSorted()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

let sqliteTemplate: Promise<string> | undefined;

/** A migrated SQLite file for this process to copy (a worker's files run one after another). */
function migratedSqliteTemplate(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'circa-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'circa.sqlite');
    const handle = connectDatabase(`sqlite:${path}`);
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close(); // checkpoints the WAL: the one file holds everything
    }
    return path;
  })();
  return sqliteTemplate;
}

let postgresTemplate: Promise<string> | undefined;
/** Any number, held while one worker makes the template the others wait for. */
const TEMPLATE_LOCK = 731_842_615;

/** The name of a migrated PostgreSQL database to create test databases from. */
function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const name = `circa_template_${migrationsFingerprint()}`;
    const client = await adminClient();
    try {
      await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) {
        // Built under another name and renamed when whole: a run stopped half-way leaves no
        // template that looks finished.
        const building = `${name}_building`;
        await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${building}`);
        const handle = connectDatabase(postgresTestUrl(building));
        try {
          await migrateToLatest(handle.db);
        } finally {
          await handle.close();
        }
        await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
    } finally {
      await client.query('select pg_advisory_unlock_all()').catch(() => undefined);
      await client.end();
    }
    return name;
  })();
  return postgresTemplate;
}

async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL}. Start it, or run CIRCA_TEST_ENGINES=sqlite for SQLite only.`,
      { cause: error },
    );
  }
  return client;
}

/** One statement on the machine's test database, as its administrator. */
export async function adminQuery(text: string): Promise<void> {
  const client = await adminClient();
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

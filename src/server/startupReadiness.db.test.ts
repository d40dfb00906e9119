// The real server listens while it brings its database up to date, and says so: readiness 503
// "migrating" (liveness 200, every other route 503) until the migrations finish, then ready. On
// PostgreSQL, where the test can hold the migrations back by taking the lock they wait for (as a
// second app server migrating the same database would hold it).
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledServerArgs } from './testing/compiledServer.ts';
import { createPostgresTestDatabase, TEST_ENGINES } from './testing/engines.ts';
import { freePort } from './testing/freePort.testing.ts';

/** Kysely's PostgreSQL migration lock (kysely/dist/esm/dialect/postgres/postgres-adapter.js). */
const KYSELY_MIGRATION_LOCK_ID = '3853314791062309107';
const DEADLINE_MS = 30_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(TEST_ENGINES.includes('postgres'))('the server while it migrates', () => {
  // Advisory locks belong to one database: the test holds the lock in the server's own.
  let database: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let admin: pg.Client;
  let output = '';
  let stop: (() => Promise<void>) | undefined;
  let url = '';

  beforeAll(async () => {
    database = await createPostgresTestDatabase('circa_startup');
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.query(`select pg_advisory_unlock_all()`).catch(() => undefined);
    await stop?.();
    await admin.end();
    await database.drop();
  });

  it('answers "migrating" until its migrations finish, then is ready', async () => {
    await admin.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK_ID})`);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, compiledServerArgs(), {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        CIRCA_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    stop = async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    };

    // Held back by the lock: listening, alive, and saying why it is not ready.
    const waiting = await until('readiness to say "migrating"', async () => {
      const response = await fetch(`${url}/api/health/ready`);
      const body = (await response.json()) as { reason?: string };
      return body.reason === 'migrating' ? { status: response.status, body } : undefined;
    });
    expect(waiting.status).toBe(503);
    expect((await fetch(`${url}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/api/health`)).status).toBe(503);
    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: 'x', password: 'y' }),
    });
    expect(signIn.status).toBe(503);
    expect(((await signIn.json()) as { error: { code: string } }).error.code).toBe(
      'DATABASE_UNAVAILABLE',
    );
    expect(output).not.toMatch(/Circa is running/);

    await admin.query(`select pg_advisory_unlock(${KYSELY_MIGRATION_LOCK_ID})`);
    await until('readiness', async () =>
      (await fetch(`${url}/api/health/ready`)).status === 200 ? true : undefined,
    );
    await until('the start-up line', async () =>
      /Circa is running at/.test(output) ? true : undefined,
    );
    const tables = await admin.query(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'loans'`,
    );
    expect(tables.rows[0]).toEqual({ n: 1 });
  }, 60_000);
});

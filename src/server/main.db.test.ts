// Starts the real server process, compiled as in production (on SQLite: main.ts reads only
// DATABASE_URL, and the PostgreSQL test schemas are chosen by search path), and stops it the way an
// operator or systemd would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from './db/connect.ts';
import { offlineWorkstation } from './offline/fixtures.testing.ts';
import { receiveOfflineUpload } from './offline/receive.ts';
import { compiledServerArgs } from './testing/compiledServer.ts';

/** The first start seeds the demo library (2,000 patrons, 20,000 items). */
const STARTUP_TIMEOUT_MS = 60_000;

function startServer(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  const child = spawn(process.execPath, compiledServerArgs(), {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => RegExpMatchArray | null, what: string, log: () => string) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const match = check();
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Output:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function waitForUrl(server: ReturnType<typeof startServer>) {
  return waitFor(
    () => server.output().match(/Circa is running at (http:\/\/\S+) \(database: sqlite\)/),
    'the start-up line',
    server.output,
  );
}

async function storeUnprocessedUpload(databaseUrl: string): Promise<string[]> {
  const { db, close } = connectDatabase(databaseUrl);
  try {
    const desk = await db
      .selectFrom('staff_users')
      .select(['id', 'username'])
      .where('username', '=', 'desk')
      .executeTakeFirstOrThrow();
    const ws = offlineWorkstation({ name: 'MAIN-TEST', branchCode: 'MAIN', staffUsername: 'desk' });
    const now = Date.now();
    // Check-ins of items the library does not have: processed to exceptions, demo loans untouched.
    const transactions = [
      ws.checkIn({ itemBarcode: 'NOT-IN-LIBRARY-1', occurredAt: now - 2_000 }),
      ws.checkIn({ itemBarcode: 'NOT-IN-LIBRARY-2', occurredAt: now - 1_000 }),
    ];
    await receiveOfflineUpload({
      db,
      actor: { user: { id: desk.id } },
      source: 'client',
      transactions,
      now,
    });
    return transactions.map((t) => t.id);
  } finally {
    await close();
  }
}

async function offlineStatuses(databaseUrl: string, ids: string[]): Promise<string[]> {
  const { db, close } = connectDatabase(databaseUrl);
  try {
    const rows = await db
      .selectFrom('offline_transactions')
      .select(['id', 'status'])
      .where('id', 'in', ids)
      .execute();
    return ids.map((id) => rows.find((r) => r.id === id)?.status ?? 'missing');
  } finally {
    await close();
  }
}

describe('the server process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'circa-main-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'migrates, seeds the demo library once, serves, and shuts down cleanly on SIGTERM',
    async () => {
      const env = {
        PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'circa.sqlite')}`,
        PASSWORD_COST: '1024',
      };
      const first = startServer(env);
      try {
        const [, url] = await waitForUrl(first);
        // Printed just after the start-up line, possibly in a later chunk of output.
        await waitFor(
          () =>
            first.output().match(/Demo sign-ins:\n\s+desk\s+password circa-demo\s+\(circulation\)/),
          'the demo sign-ins',
          first.output,
        );
        const health = await fetch(`${url}/api/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
        const signIn = await fetch(`${url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'desk', password: 'circa-demo' }),
        });
        expect(signIn.status).toBe(200);

        first.child.kill('SIGTERM');
        expect(await first.exited).toBe(0);
        expect(first.output()).toContain('Received SIGTERM');
      } finally {
        first.child.kill('SIGKILL');
      }

      // Left pending, as by a server killed between storing an upload and processing it.
      const pendingIds = await storeUnprocessedUpload(env.DATABASE_URL);

      const second = startServer(env);
      try {
        await waitForUrl(second);
        expect(second.output()).not.toContain('Demo sign-ins');
        await expect
          .poll(() => offlineStatuses(env.DATABASE_URL, pendingIds), { timeout: 10_000 })
          .toEqual(['exception', 'exception']);
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        second.child.kill('SIGKILL');
      }
    },
    3 * STARTUP_TIMEOUT_MS,
  );

  it('refuses to start on a bad setting, naming it', async () => {
    const server = startServer({ PORT: 'eighty', DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}` });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT must be a whole number.');
  });
});

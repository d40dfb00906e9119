// A library started empty (CIRCA_DEMO=false): the server starts and serves with no branch, no staff
// and no loan rules; the sign-in page learns that an administrator is needed; and once the first one
// exists, every screen's first request answers without assuming the demo library's rows.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SESSION_COOKIE, SessionInfo } from '../shared/api/session.ts';
import { createAdministrator, planAdministrator } from './commands/createAdministrator.ts';
import { openEmptyApp, type EmptyApp } from './testing/apiHarness.ts';
import { compiledServerArgs } from './testing/compiledServer.ts';
import { describeEachEngine } from './testing/engines.ts';
import { TEST_PASSWORD_COST } from './testing/factories.ts';

const PASSWORD = 'river otter lanterns';
const START_TIMEOUT_MS = 30_000;

/** Runs the compiled server until `check` has seen what it needs, then stops it with SIGTERM. */
async function runServer(
  env: Record<string, string>,
  check: (url: string | null, output: string) => Promise<void>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, compiledServerArgs(), {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', PASSWORD_COST: '1024', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let url: string | null = null;
    while (Date.now() < deadline && child.exitCode === null) {
      // The notices follow the start-up line, perhaps in a later chunk.
      const match = /Circa is running at (http:\/\/\S+) [\s\S]*create-admin --help/.exec(output);
      if (match?.[1]) {
        url = match[1];
        break;
      }
      await new Promise((wait) => setTimeout(wait, 50));
    }
    await check(url, output);
  } finally {
    child.kill('SIGTERM');
  }
  return { code: await exited, output };
}

describeEachEngine('an empty library', (engine) => {
  let empty: EmptyApp;
  beforeEach(async () => {
    empty = await openEmptyApp(engine);
  });
  afterEach(() => empty.close());

  it('starts with CIRCA_DEMO=false, stays empty and says how to create the administrator', async () => {
    const { output } = await runServer(
      { DATABASE_URL: empty.test.url, CIRCA_DEMO: 'false' },
      async (url, startOutput) => {
        if (url === null) throw new Error(`The server did not start:\n${startOutput}`);
        const health = await fetch(`${url}/api/health`);
        expect(health.status).toBe(200);
        const setup = await fetch(`${url}/api/setup`);
        expect(await setup.json()).toEqual({ needsAdministrator: true });
      },
    );
    expect(output).toContain('This library has no administrator yet, so nobody can sign in.');
    expect(output).toContain('  npx circa create-admin\n');
    expect(output).not.toContain('Demo sign-ins');
    expect(await empty.test.db.selectFrom('branches').selectAll().execute()).toEqual([]);
    expect(await empty.test.db.selectFrom('staff_users').selectAll().execute()).toEqual([]);
  });

  it('serves the first administrator with no loan rules, patrons, items or workstations', async () => {
    const plan = await planAdministrator(empty.test.db, {
      username: 'ada',
      branchCode: 'MAIN',
      branchName: 'Main Library',
      timeZone: 'America/Chicago',
    });
    await createAdministrator({
      db: empty.test.db,
      plan,
      password: PASSWORD,
      passwordCost: TEST_PASSWORD_COST,
      now: Date.now(),
    });

    const signIn = await empty.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'ada', password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === SESSION_COOKIE);
    const headers = {
      cookie: `${SESSION_COOKIE}=${cookie?.value}`,
      'x-csrf-token': SessionInfo.parse(signIn.json()).csrfToken,
    };
    const get = (url: string) => empty.app.inject({ method: 'GET', url, headers });

    const suggestion = await get('/api/workstations/suggestion');
    expect(suggestion.json()).toEqual({ name: 'MAIN-DESK-1' });
    const named = await empty.app.inject({
      method: 'PUT',
      url: '/api/session/workstation',
      headers,
      payload: { name: 'MAIN-DESK-1' },
    });
    expect(named.statusCode).toBe(200);

    for (const url of [
      '/api/session',
      '/api/library/branches',
      '/api/library/loan-rules',
      '/api/library/closed-days?branch=MAIN',
      '/api/offline/snapshot',
      '/api/offline/report',
      '/api/offline/exceptions',
      '/api/offline/gaps',
    ]) {
      const response = await get(url);
      expect([url, response.statusCode]).toEqual([url, 200]);
    }
    const snapshot = (await get('/api/offline/snapshot')).json() as { loanRules: unknown[] };
    expect(snapshot.loanRules).toEqual([]);

    const unknownPatron = await get('/api/patrons/21000000000001');
    expect(unknownPatron.statusCode).toBe(404);
    const checkOut = await empty.app.inject({
      method: 'POST',
      url: '/api/checkouts',
      headers,
      payload: { patronBarcode: '21000000000001', itemBarcode: '31000000000001' },
    });
    expect(checkOut.statusCode).toBeGreaterThanOrEqual(400);
    expect(checkOut.statusCode).toBeLessThan(500);
  });
});

it('refuses to start with a CIRCA_DEMO it does not understand, naming the variable', async () => {
  const { code, output } = await runServer({ CIRCA_DEMO: 'maybe' }, async () => undefined);
  expect(code).toBe(1);
  expect(output).toContain('Circa cannot start: CIRCA_DEMO must be true');
  expect(output).toContain("It is 'maybe'.");
});

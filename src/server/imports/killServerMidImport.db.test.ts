// The server SIGKILLed while it stores an import an administrator confirmed in the web app, as in
// a crash or a power cut: the compiled server, a file of 60,000 patrons uploaded through the API,
// killed once it logs rows stored in the open transaction. Started again on the same database, it
// finds nothing of the file stored and the import previewed again, with a plain message; confirming
// again stores every row exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Import } from '../../shared/api/imports.ts';
import { SESSION_COOKIE, SessionInfo } from '../../shared/api/session.ts';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import { compiledServerArgs } from '../testing/compiledServer.ts';
import { describeEachEngine, openTestDatabase } from '../testing/engines.ts';
import {
  buildBranch,
  buildPatronType,
  buildStaffUser,
  TEST_PASSWORD_COST,
  TEST_STAFF_PASSWORD,
} from '../testing/factories.ts';
import { waitUntilNoImportLocks } from './importWorkers.testing.ts';

const ROWS = 60_000;
const START_TIMEOUT_MS = 30_000;
const WAIT_TIMEOUT_MS = 90_000;
const POLL_MS = 50;

interface RunningServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the first JSON log line that `match` accepts. */
  logLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, compiledServerArgs(), {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PASSWORD_COST: String(TEST_PASSWORD_COST),
      CIRCA_DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const watchers: ((line: Record<string, unknown>) => void)[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const text of lines) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      for (const watch of watchers) watch(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const running = /Circa is running at (http:\/\/\S+) /.exec(output);
    if (running) {
      return {
        url: running[1]!,
        child,
        output: () => output,
        logLine: (match) =>
          new Promise((done, fail) => {
            watchers.push((line) => {
              if (match(line)) done(line);
            });
            child.once('exit', () => fail(new Error(`The server exited first:\n${output}`)));
          }),
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

async function stopServer(server: RunningServer, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill(signal);
  await exited;
}

/** Signs the administrator in; the headers every later request sends. */
async function signIn(url: string, username: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_STAFF_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = new RegExp(`${SESSION_COOKIE}=[^;]+`).exec(
    response.headers.get('set-cookie') ?? '',
  )?.[0];
  if (cookie === undefined) throw new Error('The sign-in set no session cookie.');
  return { cookie, 'x-csrf-token': SessionInfo.parse(await response.json()).csrfToken };
}

async function getImport(url: string, headers: Record<string, string>, id: number) {
  const response = await fetch(`${url}/api/imports/${id}`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { import: Import }).import;
}

async function waitFor(
  url: string,
  headers: Record<string, string>,
  id: number,
  done: (job: Import) => boolean,
): Promise<Import> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  for (;;) {
    const job = await getImport(url, headers, id);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`Import ${id} stayed ${JSON.stringify(job)}`);
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

function patronsCsv(rows: number): string {
  const lines = ['barcode,name,patron_type,home_branch,email'];
  for (let n = 1; n <= rows; n += 1) {
    const barcode = withCheckDigit(`2${String(n).padStart(12, '0')}`);
    lines.push(`${barcode},"Patron ${n}, Jr.",ADULT,MAIN,patron${n}@example.org`);
  }
  return `${lines.join('\n')}\n`;
}

describeEachEngine('the server killed while it stores an import', (engine) => {
  it('stores nothing, and the import is previewed again and then stored exactly once', async () => {
    const database = await openTestDatabase(engine);
    const { db } = database;
    const importDir = mkdtempSync(join(tmpdir(), 'circa-kill-server-import-'));
    const env = { DATABASE_URL: database.url, IMPORT_DIR: importDir };
    let server: RunningServer | null = null;
    try {
      await db
        .updateTable('library_settings')
        .set({ barcode_rules: JSON.stringify(DEMO_BARCODE_RULES) })
        .execute();
      const main = await buildBranch(db, { code: 'MAIN' });
      await buildPatronType(db, { code: 'ADULT' });
      const admin = await buildStaffUser(db, { role: 'admin', branch_id: main.id });

      server = await startServer(env);
      let headers = await signIn(server.url, admin.username);
      const upload = await fetch(`${server.url}/api/imports?kind=patrons-csv`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: patronsCsv(ROWS),
      });
      expect(upload.status).toBe(202);
      const { id } = (await upload.json()) as Import;
      const previewed = await waitFor(server.url, headers, id, (j) => j.status !== 'previewing');
      expect(previewed).toMatchObject({
        status: 'previewed',
        counts: { create: ROWS, refused: 0 },
      });

      // Killed as soon as it says rows are stored in the open transaction, with more to come: the
      // apply then still has most of the file to write, so the kill comes before its commit (and if
      // it ever came after, the checks below would find the patrons stored and the import applied).
      const storing = server.logLine(
        (line) => line['importId'] === id && typeof line['stored'] === 'number',
      );
      const confirm = await fetch(`${server.url}/api/imports/${id}/confirm`, {
        method: 'POST',
        headers,
      });
      expect(confirm.status).toBe(202);
      expect(((await confirm.json()) as Import).status).toBe('applying');
      const progress = await storing;
      await stopServer(server, 'SIGKILL');
      expect(progress['stored']).toBeGreaterThan(0);
      expect(progress['stored']).toBeLessThan(ROWS);
      expect(progress['of']).toBe(ROWS);

      const whileDown = await db.selectFrom('imports').select('status').executeTakeFirstOrThrow();
      expect(whileDown.status).toBe('applying');
      expect(await db.selectFrom('patrons').select('id').execute()).toEqual([]);

      // Its session ends once PostgreSQL notices the connection closed, releasing the import.
      if (engine === 'postgres') await waitUntilNoImportLocks(db);
      server = await startServer(env);
      headers = await signIn(server.url, admin.username);
      const recovered = await getImport(server.url, headers, id);
      expect(recovered).toMatchObject({
        status: 'previewed',
        rowsApplied: 0,
        counts: { create: ROWS, update: 0, refused: 0 },
        message:
          'The server stopped while this import was being stored; nothing of it was stored. Confirm it again.',
      });
      expect(await db.selectFrom('patrons').select('id').execute()).toEqual([]);
      const audit = await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'import.apply')
        .execute();
      expect(audit).toEqual([]);

      const again = await fetch(`${server.url}/api/imports/${id}/confirm`, {
        method: 'POST',
        headers,
      });
      expect(again.status).toBe(202);
      const applied = await waitFor(server.url, headers, id, (j) => j.status !== 'applying');
      expect(applied).toMatchObject({ status: 'applied', rowsApplied: ROWS, message: null });
      const stored = await db
        .selectFrom('patrons')
        .select([
          (eb) => eb.fn.countAll().as('rows'),
          (eb) => eb.fn.count('barcode').distinct().as('barcodes'),
        ])
        .executeTakeFirstOrThrow();
      expect({ rows: Number(stored.rows), barcodes: Number(stored.barcodes) }).toEqual({
        rows: ROWS,
        barcodes: ROWS,
      });
      const last = withCheckDigit(`2${String(ROWS).padStart(12, '0')}`);
      expect(
        await db
          .selectFrom('patrons')
          .select(['name', 'email'])
          .where('barcode', '=', last)
          .executeTakeFirst(),
      ).toEqual({ name: `Patron ${ROWS}, Jr.`, email: `patron${ROWS}@example.org` });
      expect(
        await db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'import.apply')
          .execute(),
      ).toHaveLength(1);
    } finally {
      if (server) await stopServer(server, 'SIGTERM');
      await database.dispose();
      rmSync(importDir, { recursive: true, force: true });
    }
  }, 240_000);
});

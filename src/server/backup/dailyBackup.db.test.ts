// The compiled server with CIRCA_BACKUP_DIR makes its daily backup at CIRCA_BACKUP_AT, as in
// production, and `circa restore` takes the file it made. Set to the next whole minute, so this
// waits up to a minute and a quarter.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compiledServerArgs } from '../testing/compiledServer.ts';
import { runCommandLine } from '../testing/circaCommandLine.testing.ts';

/** The server needs a moment to start before the minute it backs up at. */
const START_MARGIN_MS = 15_000;
const WAIT_TIMEOUT_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'circa-daily-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The next whole minute far enough ahead, as CIRCA_BACKUP_AT in UTC (the server runs with TZ=UTC). */
function nextMinute(): { at: string; fileName: string } {
  const due = new Date(Date.now() + START_MARGIN_MS);
  due.setUTCSeconds(0, 0);
  due.setUTCMinutes(due.getUTCMinutes() + 1);
  const iso = due.toISOString();
  return {
    at: iso.slice(11, 16),
    fileName: `circa-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.sqlite`,
  };
}

it(
  'makes the daily backup at the set time, keeps other files, and the backup restores',
  async () => {
    const backups = join(dir, 'backups');
    const databaseUrl = `sqlite:${join(dir, 'circa.sqlite')}`;
    const migrated = await runCommandLine(['migrate'], { databaseUrl });
    expect(migrated.code).toBe(0);
    mkdirSync(backups);
    // A file of the librarian's own, named nearly like the schedule's, far past the days kept.
    const own = 'circa-2020-01-01-0230.sqlite.keep';
    writeFileSync(join(backups, own), 'not the schedule’s');
    const { at, fileName } = nextMinute();

    let output = '';
    const server = spawn(process.execPath, compiledServerArgs(), {
      env: {
        ...process.env,
        TZ: 'UTC',
        PORT: '0',
        DATABASE_URL: databaseUrl,
        CIRCA_DEMO: 'false',
        LOG_LEVEL: 'info',
        CIRCA_BACKUP_DIR: backups,
        CIRCA_BACKUP_AT: at,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => server.on('exit', (code) => done(code)));
    try {
      const deadline = Date.now() + WAIT_TIMEOUT_MS;
      while (!/"msg":"daily backup made"/.test(output) && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 250));
      }
      expect(output).toMatch(/"msg":"daily backup made"/);
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      server.kill('SIGKILL');
    }

    expect(readdirSync(backups).toSorted()).toEqual([fileName, own].toSorted());
    const restored = await runCommandLine(['restore', join(backups, fileName)], {
      databaseUrl: `sqlite:${join(dir, 'restored', 'circa.sqlite')}`,
    });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
  },
  WAIT_TIMEOUT_MS + 30_000,
);

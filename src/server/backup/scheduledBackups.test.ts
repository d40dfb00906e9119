import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobTimers } from '../jobs/dailyJob.ts';
import type { BackupResult } from './backups.ts';
import { startScheduledBackups, type BackupLog } from './scheduledBackups.ts';

const previousTimeZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Chicago';
});
afterAll(() => {
  if (previousTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = previousTimeZone;
});

/** One timer at a time, fired by hand at the moment it was set for. */
function manualTimers(clock: { now: Date }) {
  let pending: { run: () => void; at: number } | null = null;
  const timers: JobTimers = {
    set(run, ms) {
      pending = { run, at: clock.now.getTime() + ms };
      return pending;
    },
    clear(handle) {
      if (pending === handle) pending = null;
    },
  };
  return {
    timers,
    get pendingAt() {
      return pending === null ? null : new Date(pending.at);
    },
    fire() {
      const due = pending;
      if (due === null) throw new Error('no timer is set');
      pending = null;
      clock.now = new Date(due.at);
      due.run();
    },
  };
}

function recordingLog() {
  const lines: Array<{ level: 'info' | 'error'; details: object; message: string }> = [];
  const log: BackupLog = {
    info: (details, message) => lines.push({ level: 'info', details, message }),
    error: (details, message) => lines.push({ level: 'error', details, message }),
  };
  return { log, lines };
}

function fakeBackup(file: string): Promise<BackupResult> {
  writeFileSync(file, 'backup');
  return Promise.resolve({ engine: 'sqlite', file, bytes: 6, loans: 0, tookMs: 1 });
}

const settle = () => new Promise((done) => setTimeout(done, 20));

describe('the daily backup', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const backupDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'circa-daily-'));
    dirs.push(dir);
    return dir;
  };

  it('backs up at the set local time into a dated file, then deletes only its own old backups', async () => {
    const dir = backupDir();
    const keptByHand = ['before-upgrade.sqlite', 'circa-2026-01-01-0230.sqlite.bak'];
    for (const name of [...keptByHand, 'circa-2026-02-01-0230.sqlite']) {
      writeFileSync(join(dir, name), 'old');
    }
    const clock = { now: new Date(2026, 2, 2, 15, 0) };
    const timer = manualTimers(clock);
    const { log, lines } = recordingLog();
    const schedule = startScheduledBackups({
      schedule: { dir, keepDays: 14, at: { hour: 2, minute: 30 } },
      databaseUrl: 'sqlite:unused',
      engine: 'sqlite',
      log,
      now: () => clock.now,
      timers: timer.timers,
      backUp: fakeBackup,
    });
    expect(timer.pendingAt).toEqual(new Date(2026, 2, 3, 2, 30));
    timer.fire();
    await settle();
    expect(readdirSync(dir).toSorted()).toEqual(
      [...keptByHand, 'circa-2026-03-03-0230.sqlite'].toSorted(),
    );
    expect(lines.filter((l) => l.level === 'info').map((l) => l.message)).toContain(
      'backups older than 14 days deleted',
    );
    expect(timer.pendingAt).toEqual(new Date(2026, 2, 4, 2, 30));
    await schedule.stop();
    expect(timer.pendingAt).toBeNull();
  });

  it('logs a failure with its cause, deletes nothing, and tries again the next day', async () => {
    const dir = backupDir();
    writeFileSync(join(dir, 'circa-2026-01-01-0230.sqlite'), 'old');
    const clock = { now: new Date(2026, 2, 2, 15, 0) };
    const timer = manualTimers(clock);
    const { log, lines } = recordingLog();
    let failing = true;
    const schedule = startScheduledBackups({
      schedule: { dir, keepDays: 14, at: { hour: 2, minute: 30 } },
      databaseUrl: 'sqlite:unused',
      engine: 'sqlite',
      log,
      now: () => clock.now,
      timers: timer.timers,
      backUp: (file) => (failing ? Promise.reject(new Error('disk full')) : fakeBackup(file)),
    });
    timer.fire();
    await settle();
    const failure = lines.find((l) => l.level === 'error');
    expect(failure?.message).toMatch(/daily backup failed; it will be tried again/);
    expect(failure?.details).toMatchObject({ err: { message: 'disk full' } });
    expect(readdirSync(dir)).toEqual(['circa-2026-01-01-0230.sqlite']);

    failing = false;
    expect(timer.pendingAt).toEqual(new Date(2026, 2, 4, 2, 30));
    timer.fire();
    await settle();
    expect(readdirSync(dir)).toEqual(['circa-2026-03-04-0230.sqlite']);
    await schedule.stop();
  });

  it('never starts a second backup while one runs, and stopping waits for it', async () => {
    const dir = backupDir();
    const clock = { now: new Date(2026, 2, 2, 15, 0) };
    const timer = manualTimers(clock);
    let finish: (() => void) | null = null;
    let finished = false;
    const schedule = startScheduledBackups({
      schedule: { dir, keepDays: 14, at: { hour: 2, minute: 30 } },
      databaseUrl: 'sqlite:unused',
      engine: 'sqlite',
      log: recordingLog().log,
      now: () => clock.now,
      timers: timer.timers,
      backUp: (file) =>
        new Promise((done) => {
          finish = () => {
            finished = true;
            done(fakeBackup(file));
          };
        }),
    });
    timer.fire();
    await settle();
    // Running: no next run is waiting until this one ends.
    expect(timer.pendingAt).toBeNull();
    const stopped = schedule.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await settle();
    expect(stopDone).toBe(false);
    if (finish === null) throw new Error('the backup never started');
    (finish as () => void)();
    await stopped;
    expect(finished).toBe(true);
    expect(timer.pendingAt).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupsToPrune,
  nextBackupAt,
  parseTimeOfDay,
  scheduledBackupName,
} from './backupSchedule.ts';

// Local times in a zone with summer time, so the clock changes are tested wherever this runs.
const previousTimeZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  if (previousTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = previousTimeZone;
});

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const AT_0230 = { hour: 2, minute: 30 };

describe('parseTimeOfDay', () => {
  it.each([
    ['02:30', { hour: 2, minute: 30 }],
    ['2:30', { hour: 2, minute: 30 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['00:00', { hour: 0, minute: 0 }],
  ])('reads %s', (text, time) => {
    expect(parseTimeOfDay(text)).toEqual(time);
  });

  it.each(['24:00', '12:60', '2.30', '0230', 'half past two', ''])('refuses %j', (text) => {
    expect(parseTimeOfDay(text)).toBeNull();
  });
});

describe('nextBackupAt', () => {
  it('is later today when the time has not come yet, else tomorrow', () => {
    expect(nextBackupAt(local(2026, 3, 2, 1, 0), AT_0230)).toEqual(local(2026, 3, 2, 2, 30));
    expect(nextBackupAt(local(2026, 3, 2, 2, 30), AT_0230)).toEqual(local(2026, 3, 3, 2, 30));
    expect(nextBackupAt(local(2026, 3, 2, 14, 0), AT_0230)).toEqual(local(2026, 3, 3, 2, 30));
  });

  it('crosses the end of a month and of a year', () => {
    expect(nextBackupAt(local(2026, 12, 31, 3, 0), AT_0230)).toEqual(local(2027, 1, 1, 2, 30));
  });

  it('runs once on the day summer time skips 02:30, just after the jump', () => {
    // 29 March 2026 in Berlin: 02:00 becomes 03:00, so 02:30 does not exist that night.
    const next = nextBackupAt(local(2026, 3, 29, 1, 0), AT_0230);
    expect(next.getTime() - local(2026, 3, 29, 1, 0).getTime()).toBe(90 * 60_000);
    expect(next.getHours()).toBe(3);
    expect(nextBackupAt(next, AT_0230)).toEqual(local(2026, 3, 30, 2, 30));
  });

  it('runs once on the night 02:30 happens twice', () => {
    // 25 October 2026 in Berlin: 03:00 goes back to 02:00.
    const first = nextBackupAt(local(2026, 10, 25, 1, 0), AT_0230);
    expect(first.getHours()).toBe(2);
    const afterFirst = new Date(first.getTime() + 1);
    expect(nextBackupAt(afterFirst, AT_0230)).toEqual(local(2026, 10, 26, 2, 30));
    // Still the same night, an hour later by the clock's second pass: nothing more that night.
    const secondPass = new Date(first.getTime() + 60 * 60_000 + 1);
    expect(nextBackupAt(secondPass, AT_0230)).toEqual(local(2026, 10, 26, 2, 30));
  });
});

describe('scheduledBackupName', () => {
  it('names the file by its local date and time, with the engine’s extension', () => {
    expect(scheduledBackupName(local(2026, 3, 2, 2, 30), 'sqlite')).toBe(
      'circa-2026-03-02-0230.sqlite',
    );
    expect(scheduledBackupName(local(2026, 11, 9, 14, 5), 'postgres')).toBe(
      'circa-2026-11-09-1405.pgdump',
    );
  });
});

describe('backupsToPrune', () => {
  const now = local(2026, 3, 20, 2, 31);
  const daily = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) =>
      scheduledBackupName(local(2026, 3, from + i, 2, 30), 'sqlite'),
    );

  it('deletes the schedule’s backups older than the days kept, and nothing newer', () => {
    const names = daily(1, 20);
    // Fourteen days' backups stay: 7 to 20 March.
    expect(backupsToPrune(names, now, 14)).toEqual(daily(1, 6));
  });

  it('never deletes a file it did not name, whatever its age', () => {
    const names = [
      'circa-2020-01-01-0230.sqlite.bak',
      'before-upgrade.sqlite',
      'circa-2020-01-01-0230.txt',
      'circa-2020-13-45-0230.sqlite',
      'mycirca-2020-01-01-0230.sqlite',
      'circa-2026-03-20-0230.sqlite',
    ];
    expect(backupsToPrune(names, now, 14)).toEqual([]);
  });

  it('keeps the newest backup even when it is older than the days kept', () => {
    const names = ['circa-2026-01-01-0230.pgdump', 'circa-2026-01-02-0230.pgdump'];
    expect(backupsToPrune(names, now, 14)).toEqual(['circa-2026-01-01-0230.pgdump']);
  });

  it('deletes partial files left by a stopped run', () => {
    const names = ['circa-2026-03-19-0230.sqlite.partial', 'circa-2026-03-20-0230.sqlite'];
    expect(backupsToPrune(names, now, 14)).toEqual(['circa-2026-03-19-0230.sqlite.partial']);
  });
});

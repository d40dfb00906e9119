// The server's daily backup (CIRCA_BACKUP_DIR): one a day at CIRCA_BACKUP_AT, local time, into the
// folder under a dated name, then the schedule's backups past CIRCA_BACKUP_KEEP_DAYS are deleted.
// One at a time; a failure is logged with its cause and the next day's run tries again.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BackupSchedule } from '../config.ts';
import type { Engine } from '../db/connect.ts';
import { REAL_JOB_TIMERS, type JobTimers } from '../jobs/dailyJob.ts';
import { backupsToPrune, nextBackupAt, scheduledBackupName } from './backupSchedule.ts';
import { makeBackupOnThread } from '../workerThreads/backupThreads.ts';
import type { BackupResult } from './backups.ts';

/** What the schedule reports; the server's logger (pino) fits. */
export interface BackupLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ScheduledBackupsProps {
  schedule: BackupSchedule;
  databaseUrl: string;
  engine: Engine;
  log: BackupLog;
  /** The wall clock (the server's local time zone decides what 02:30 is). */
  now?: () => Date;
  timers?: JobTimers;
  /** Makes one backup; the real one unless a test replaces it. */
  backUp?: (file: string) => Promise<BackupResult>;
}

export interface ScheduledBackups {
  /** No more backups; resolves once a backup under way has finished. */
  stop(): Promise<void>;
}

export function startScheduledBackups(props: ScheduledBackupsProps): ScheduledBackups {
  const { schedule, log } = props;
  const dir = resolve(schedule.dir);
  const now = props.now ?? (() => new Date());
  const timers = props.timers ?? REAL_JOB_TIMERS;
  // On a thread of its own, so the desks are served while the backup is made and checked.
  const backUp =
    props.backUp ??
    ((file: string) => makeBackupOnThread({ databaseUrl: props.databaseUrl, file }));
  let stopped = false;
  let handle: unknown = null;
  let running: Promise<void> = Promise.resolve();

  const runAt = async (due: Date) => {
    await mkdir(dir, { recursive: true });
    // Named for the time it was due, so a timer that fires a moment early or late names it the same.
    const file = join(dir, scheduledBackupName(due, props.engine));
    const made = await backUp(file);
    log.info(
      { file: made.file, bytes: made.bytes, loans: made.loans, tookMs: Math.round(made.tookMs) },
      'daily backup made',
    );
    const pruned = backupsToPrune(await readdir(dir), now(), schedule.keepDays);
    for (const name of pruned) await rm(join(dir, name), { force: true });
    if (pruned.length > 0) {
      log.info({ dir, deleted: pruned }, `backups older than ${schedule.keepDays} days deleted`);
    }
  };

  const scheduleAfter = (from: Date) => {
    if (stopped) return;
    const due = nextBackupAt(from, schedule.at);
    log.info({ dir, due: due.toString() }, 'next daily backup scheduled');
    handle = timers.set(
      () => {
        handle = null;
        running = runAt(due)
          .catch((error: unknown) =>
            log.error(
              { err: error, dir },
              'the daily backup failed; it will be tried again at the next scheduled time',
            ),
          )
          .finally(() => {
            // Never the same slot twice, even when the timer fired a moment before it was due.
            const current = now();
            scheduleAfter(current > due ? current : due);
          });
      },
      Math.max(0, due.getTime() - now().getTime()),
    );
  };
  scheduleAfter(now());

  return {
    async stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      handle = null;
      await running;
    },
  };
}

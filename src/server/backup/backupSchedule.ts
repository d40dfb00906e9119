// The rules of the daily backups, pure so they are tested without a clock or a folder: when the next
// one is due, what each is called, and which old ones to delete. Times are the server's local time
// (its TZ), as a systems librarian reads "02:30".
import type { Engine } from '../db/connect.ts';

/** A local time of day, e.g. 02:30. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** The extension of each engine's backup file: what `circa restore` expects, and what we prune. */
export const BACKUP_EXTENSIONS: Record<Engine, string> = { sqlite: 'sqlite', postgres: 'pgdump' };

/** A backup still being written; renamed to its final name only once complete and checked. */
export const PARTIAL_SUFFIX = '.partial';

/**
 * Only files named like this were made by the schedule, so only these are ever deleted: anything
 * else a librarian keeps in the folder is left alone.
 */
const SCHEDULED_NAME =
  /^circa-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})\.(sqlite|pgdump)(\.partial)?$/;

/** Parses "HH:MM" (24-hour); null when it is not a time of day. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/**
 * The first moment strictly after `now` when the local clock reads `at`. Computed afresh for each
 * run, so a change to or from summer time moves nothing: on a day the time does not exist (the
 * clocks jump over it) the backup runs just after the jump, and a time that occurs twice runs once.
 */
export function nextBackupAt(now: Date, at: TimeOfDay): Date {
  const today = new Date(now);
  today.setHours(at.hour, at.minute, 0, 0);
  if (today.getTime() > now.getTime()) return today;
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(at.hour, at.minute, 0, 0);
  return tomorrow;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** circa-YYYY-MM-DD-HHMM.sqlite (or .pgdump), in local time: sorts by date, reads at a glance. */
export function scheduledBackupName(at: Date, engine: Engine): string {
  const date = `${at.getFullYear()}-${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())}`;
  const time = `${twoDigits(at.getHours())}${twoDigits(at.getMinutes())}`;
  return `circa-${date}-${time}.${BACKUP_EXTENSIONS[engine]}`;
}

interface ScheduledFile {
  name: string;
  madeAt: Date;
  partial: boolean;
}

function scheduledFile(name: string): ScheduledFile | null {
  const match = SCHEDULED_NAME.exec(name);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const madeAt = new Date(year, month - 1, day, hour, minute);
  // A name like circa-2026-13-45-9999 matches the pattern but is no date we wrote.
  if (madeAt.getMonth() !== month - 1 || madeAt.getDate() !== day) return null;
  return { name, madeAt, partial: match[7] !== undefined };
}

/**
 * Which files in the backup folder to delete after a backup succeeded: the schedule's backups
 * older than `keepDays` days, except the newest (so a clock set wrong, or a long run of failures
 * before this success, never leaves the folder without a backup), and the schedule's partial files
 * (left by a run that was stopped; none is being written while this runs).
 */
export function backupsToPrune(names: readonly string[], now: Date, keepDays: number): string[] {
  const files = names.map(scheduledFile).filter((f): f is ScheduledFile => f !== null);
  const complete = files.filter((f) => !f.partial);
  const newest = complete.reduce<ScheduledFile | null>(
    (best, f) => (best === null || f.madeAt > best.madeAt ? f : best),
    null,
  );
  const oldestKept = new Date(now);
  oldestKept.setDate(oldestKept.getDate() - keepDays);
  return files
    .filter((f) => f.partial || (f !== newest && f.madeAt < oldestKept))
    .map((f) => f.name)
    .toSorted();
}

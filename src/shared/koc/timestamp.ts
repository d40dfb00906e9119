// The first column of a .koc data line: local wall-clock time at the branch, as Koha's offline
// tools write it: `2026-07-22 10:15:30 547`, `2026-07-22 10-15-30 000` (kocDesktop) or without
// milliseconds (`2026-07-22 10:15:30`).
import { TZDate } from '@date-fns/tz';

/** The wall-clock reading, before any time zone is applied. */
export interface KocWallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) +(\d{2})([:-])(\d{2})\5(\d{2})(?: +(\d{1,3}))?$/;

/** Parses the timestamp column; null when it is not a real date and time in one of the forms. */
export function parseKocTimestamp(value: string): KocWallClock | null {
  const match = TIMESTAMP.exec(value.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 6, 7].map((i) =>
    Number(match[i]),
  ) as [number, number, number, number, number, number];
  const millisecond = match[8] === undefined ? 0 : Number(match[8]);
  if (year < 1970 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC rolls 2026-02-30 over to March; a real date reads back unchanged.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day, hour, minute, second, millisecond };
}

/**
 * The instant (epoch ms) of a wall-clock reading in the branch's time zone. In the hour skipped
 * when clocks go forward the reading is moved forward; in the hour repeated when clocks go back
 * the later of the two instants is taken (what @date-fns/tz does).
 */
export function kocInstant(clock: KocWallClock, timeZone: string): number {
  return new TZDate(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millisecond,
    timeZone,
  ).getTime();
}

/** The reading as if it were UTC: independent of any time zone, so ids never depend on one. */
export function wallClockAsUtc(clock: KocWallClock): number {
  return Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millisecond,
  );
}

/** Canonical text of a reading (`2026-07-22 10:15:30.547`), the same for every written form. */
export function canonicalKocTimestamp(clock: KocWallClock): string {
  return new Date(wallClockAsUtc(clock)).toISOString().slice(0, 23).replace('T', ' ');
}

/** True when the time zone is one TZDate understands (an IANA name or an offset like +01:00). */
export function isValidTimeZone(timeZone: string): boolean {
  return timeZone !== '' && !Number.isNaN(new TZDate(2000, 0, 1, timeZone).getTime());
}

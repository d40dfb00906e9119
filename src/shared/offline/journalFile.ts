// The journal on disk (issue 14): which file each offline transaction goes to, and the whole text of
// that file. One file per workstation per local day at the branch, each a complete circa-offline
// file, so a supervisor can upload any of them as it is. Pure: the browser's journal writer reads
// and writes the files.
import { localDate } from '../calendar/localTime.ts';
import { writeOfflineFile } from '../offlineFile/index.ts';
import type { OfflineTransaction } from './transaction.ts';

export const JOURNAL_FILE_PREFIX = 'circa-journal-';
export const JOURNAL_FILE_EXTENSION = '.jsonl';

/** The file of one workstation's day: which workstation, which local day at the branch. */
export interface JournalFileKey {
  workstation: string;
  /** 'YYYY-MM-DD' at the branch. */
  day: string;
}

/** Letters, digits, dots, dashes and underscores only, as backup file names are made. */
export function fileSafeWorkstation(workstation: string): string {
  return workstation.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * e.g. circa-journal-DESK-1-2026-12-02.jsonl. `attempt` 2, 3, … names the file written beside one
 * that cannot be read as a journal (it is never overwritten): circa-journal-DESK-1-2026-12-02-2.jsonl.
 */
export function journalFileName(key: JournalFileKey, attempt = 1): string {
  const suffix = attempt > 1 ? `-${attempt}` : '';
  return `${JOURNAL_FILE_PREFIX}${fileSafeWorkstation(key.workstation)}-${key.day}${suffix}${JOURNAL_FILE_EXTENSION}`;
}

/**
 * The journal file a transaction belongs to: its workstation and the day it was recorded, by the
 * workstation's clock (occurredAt, what staff saw), in the branch's time zone.
 */
export function journalFileFor(
  entry: Pick<OfflineTransaction, 'workstation' | 'occurredAt'>,
  timeZone: string,
): JournalFileKey {
  return { workstation: entry.workstation, day: localDate(entry.occurredAt, timeZone) };
}

export interface JournalFileGroup<T> {
  key: JournalFileKey;
  name: string;
  entries: T[];
}

/** The entries by journal file, in the order each file first appears. */
export function groupByJournalFile<
  T extends Pick<OfflineTransaction, 'workstation' | 'occurredAt'>,
>(entries: readonly T[], timeZone: string): JournalFileGroup<T>[] {
  const groups = new Map<string, JournalFileGroup<T>>();
  for (const entry of entries) {
    const key = journalFileFor(entry, timeZone);
    const name = journalFileName(key);
    const group = groups.get(name);
    if (group) group.entries.push(entry);
    else groups.set(name, { key, name, entries: [entry] });
  }
  return [...groups.values()];
}

export interface JournalHeaderProps {
  workstation: string;
  branchCode: string;
  /** When the file is written, by the workstation's clock (epoch ms). */
  writtenAt: number;
  appVersion?: string;
}

/**
 * The full text of a journal file: what it already holds and what is added, merged by transaction
 * id (a line already there is never dropped), in sequence order, with the header counted afresh.
 * Throws OfflineFileWriteError when the two cannot make one valid file (two different transactions
 * under one sequence number): the writer then starts a file beside it instead.
 */
export function journalText(
  existing: readonly OfflineTransaction[],
  added: readonly OfflineTransaction[],
  header: JournalHeaderProps,
): string {
  const byId = new Map<string, OfflineTransaction>();
  for (const t of existing) byId.set(t.id.toLowerCase(), t);
  for (const t of added) if (!byId.has(t.id.toLowerCase())) byId.set(t.id.toLowerCase(), t);
  return writeOfflineFile({
    workstation: header.workstation,
    branchCode: header.branchCode,
    exportedAt: header.writtenAt,
    transactions: [...byId.values()],
    ...(header.appVersion === undefined ? {} : { appVersion: header.appVersion }),
  });
}

/** Whether a file name is one of this workstation's journal files (any day, any attempt). */
export function isJournalFileOf(name: string, workstation: string): boolean {
  const prefix = `${JOURNAL_FILE_PREFIX}${fileSafeWorkstation(workstation)}-`;
  if (!name.startsWith(prefix) || !name.endsWith(JOURNAL_FILE_EXTENSION)) return false;
  const rest = name.slice(prefix.length, -JOURNAL_FILE_EXTENSION.length);
  return /^\d{4}-\d{2}-\d{2}(-\d+)?$/.test(rest);
}

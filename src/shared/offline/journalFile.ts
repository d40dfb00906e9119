// The journal on disk (issue 14): which file each offline transaction goes to, and the whole text of
// that file. One file per workstation per local day at the branch, each a complete circa-offline
// file, so a supervisor can upload any of them as it is. Pure: the browser's journal writer reads
// and writes the files.
import { localDate } from '../calendar/localTime.ts';
import { writeOfflineFile } from '../offlineFile/index.ts';
import type { ReceivedSequences, SequenceRun } from './clientState.ts';
import { countOf, runsOf, subtractRuns } from './recovery.ts';
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

/** Every transaction of `existing`, then those of `added` it does not hold (by id). */
export function mergeJournalTransactions<T extends Pick<OfflineTransaction, 'id'>>(
  existing: readonly T[],
  added: readonly T[],
): T[] {
  const byId = new Map<string, T>();
  for (const t of [...existing, ...added]) {
    const id = t.id.toLowerCase();
    if (!byId.has(id)) byId.set(id, t);
  }
  return [...byId.values()];
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
  return writeOfflineFile({
    workstation: header.workstation,
    branchCode: header.branchCode,
    exportedAt: header.writtenAt,
    transactions: mergeJournalTransactions(existing, added),
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

/** What a journal folder holds that neither this browser nor the server has. */
export interface JournalOnlyTransactions {
  /** Runs of sequence numbers, lowest first. */
  runs: SequenceRun[];
  count: number;
  /** The journal files holding them: the ones to upload. */
  files: string[];
}

/**
 * After a wipe: the numbers a workstation's journal files hold that this browser no longer holds
 * and the server has not received. Without the server's numbers (a snapshot from before it told
 * them), every number not held here counts: uploading is safe, as repeats are ignored.
 */
export function findJournalOnlyTransactions(props: {
  files: readonly { name: string; sequences: readonly number[] }[];
  heldHere: Iterable<number>;
  server: ReceivedSequences | undefined;
}): JournalOnlyTransactions {
  const held = runsOf(props.heldHere);
  const received = props.server ? receivedRuns(props.server) : [];
  const perFile = props.files.map((file) => ({
    name: file.name,
    runs: subtractRuns(subtractRuns(runsOf(file.sequences), held), received),
  }));
  const runs = runsOf(perFile.flatMap((file) => file.runs.flatMap((run) => rangeOf(run))));
  return {
    runs,
    count: countOf(runs),
    files: perFile.filter((file) => file.runs.length > 0).map((file) => file.name),
  };
}

/** The numbers the server has: up to the highest it knows of, less the ones it lists missing. */
function receivedRuns(server: ReceivedSequences): SequenceRun[] {
  const top = Math.max(server.highestReceived, server.highestReported);
  return top < 1 ? [] : subtractRuns([{ from: 1, to: top }], server.missing);
}

function rangeOf(run: SequenceRun): number[] {
  return Array.from({ length: run.to - run.from + 1 }, (_, i) => run.from + i);
}

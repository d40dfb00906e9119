// Writes the outbox's transactions into the journal folder: one circa-offline file per workstation
// per day at the branch. The header counts the lines, so every write replaces the day's file whole
// through createWritable(), which Chromium writes to a swap file and renames on close(): the file
// on disk is always a whole valid file, the old one or the new one, never a torn line.
import { readOfflineFile } from '../../shared/offlineFile/index.ts';
import { OfflineFileWriteError } from '../../shared/offlineFile/write.ts';
import {
  groupByJournalFile,
  isJournalFileOf,
  journalFileName,
  journalText,
  mergeJournalTransactions,
  type JournalFileKey,
} from '../../shared/offline/journalFile.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { OfflineDb } from '../storage/database.ts';
import type { JournalFileHandle, JournalFolderHandle } from './fileSystemAccess.ts';

/** keyval: per workstation, the highest sequence number written to the journal folder. */
const THROUGH_KEY = 'journalThrough';
/** Files tried for one day beside ones that cannot be read as its journal, before giving up. */
const MAX_FILES_PER_DAY = 20;
const LOCK_NAME = 'circa-journal';

export interface JournalWriteResult {
  /** The files written, by name. */
  written: string[];
  /** Files that do not read as this workstation's journal: left untouched, written beside. */
  keptAside: string[];
}

/** The folder refused a write; `reason` says why in words a librarian can act on. */
export class JournalFolderError extends Error {
  override readonly name = 'JournalFolderError';
  constructor(
    readonly reason: string,
    /** Circa lost its permission to write there: staff can grant it again with one click. */
    readonly permissionLost: boolean,
    options?: { cause?: unknown },
  ) {
    super(`The journal folder cannot be written: ${reason}`, options);
  }
}

const REASONS: Record<string, string> = {
  NotAllowedError: 'Circa no longer has permission to write there',
  SecurityError: 'Circa no longer has permission to write there',
  NoModificationAllowedError: 'the folder is read-only',
  InvalidModificationError: 'the folder is read-only',
  NotFoundError: 'the folder was moved, renamed or deleted',
  QuotaExceededError: 'the disk is full',
};

export function toJournalFolderError(error: unknown): JournalFolderError {
  if (error instanceof JournalFolderError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return new JournalFolderError(
    REASONS[name] ?? 'the computer refused to write the file',
    name === 'NotAllowedError' || name === 'SecurityError',
    { cause: error },
  );
}

export interface JournalWriterProps {
  db: OfflineDb;
  timeZone: string;
  appVersion: string;
  now?: () => number;
}

export interface JournalWriter {
  /**
   * Journals every stored transaction of the workstation above the highest already journaled, so
   * a write missed while the folder was unwritable, or made by another tab, is filled in.
   * Throws JournalFolderError when the folder cannot be written.
   */
  catchUp(folder: JournalFolderHandle, workstation: string): Promise<JournalWriteResult>;
  /** Journals everything the outbox holds, sent or not, every workstation: a newly chosen folder. */
  writeAll(folder: JournalFolderHandle): Promise<JournalWriteResult>;
  /** This workstation's readable journal files in the folder, with what they hold. */
  readJournalFiles(
    folder: JournalFolderHandle,
    workstation: string,
  ): Promise<{ name: string; transactions: OfflineTransaction[] }[]>;
}

type ParsedFile = OfflineTransaction[] | 'unreadable';

export function createJournalWriter(props: JournalWriterProps): JournalWriter {
  const { db, timeZone, appVersion } = props;
  const now = props.now ?? Date.now;
  // Parsed files by name, valid while the size and modification time match: a scan adds one line
  // to today's file, which is otherwise parsed again at every scan.
  const parsed = new Map<string, { size: number; lastModified: number; content: ParsedFile }>();

  async function readParsed(
    name: string,
    handle: JournalFileHandle,
    workstation: string,
  ): Promise<ParsedFile> {
    const file = await handle.getFile();
    const cached = parsed.get(name);
    if (cached && cached.size === file.size && cached.lastModified === file.lastModified) {
      return cached.content;
    }
    // Empty: created by a write that then failed (getFileHandle creates the file first).
    const text = file.size === 0 ? '' : await file.text();
    const read = text === '' ? null : readOfflineFile(text);
    const content: ParsedFile =
      read === null
        ? []
        : read.ok && read.header.workstation === workstation
          ? read.transactions
          : 'unreadable';
    parsed.set(name, { size: file.size, lastModified: file.lastModified, content });
    return content;
  }

  async function writeDay(
    folder: JournalFolderHandle,
    key: JournalFileKey,
    entries: readonly OfflineTransaction[],
    result: JournalWriteResult,
  ): Promise<void> {
    for (let attempt = 1; attempt <= MAX_FILES_PER_DAY; attempt++) {
      const name = journalFileName(key, attempt);
      const found = await existingHandle(folder, name);
      const existing = found ? await readParsed(name, found, key.workstation) : [];
      if (existing === 'unreadable') {
        // Someone's file, or one damaged by hand: never overwritten, written beside instead.
        result.keptAside.push(name);
        continue;
      }
      let text: string;
      try {
        text = journalText(existing, entries, {
          workstation: key.workstation,
          branchCode: entries[0]?.branchCode ?? existing[0]?.branchCode ?? '',
          writtenAt: now(),
          appVersion,
        });
      } catch (error) {
        // Two different transactions under one number (a journal from before a reinstall).
        if (!(error instanceof OfflineFileWriteError)) throw error;
        result.keptAside.push(name);
        continue;
      }
      const handle = found ?? (await folder.getFileHandle(name, { create: true }));
      const writable = await handle.createWritable();
      try {
        await writable.write(text);
        await writable.close();
      } catch (error) {
        await writable.abort().catch(() => undefined);
        throw error;
      }
      const written = await handle.getFile();
      parsed.set(name, {
        size: written.size,
        lastModified: written.lastModified,
        content: mergeJournalTransactions(existing, entries),
      });
      result.written.push(name);
      return;
    }
    throw new JournalFolderError(
      `more than ${MAX_FILES_PER_DAY} files for ${journalFileName(key)} could not be read as a journal`,
      false,
    );
  }

  async function writeEntries(
    folder: JournalFolderHandle,
    entries: readonly OfflineTransaction[],
  ): Promise<JournalWriteResult> {
    const result: JournalWriteResult = { written: [], keptAside: [] };
    try {
      for (const group of groupByJournalFile(entries, timeZone)) {
        await writeDay(folder, group.key, group.entries, result);
      }
    } catch (error) {
      throw toJournalFolderError(error);
    }
    return result;
  }

  async function readThrough(): Promise<Record<string, number>> {
    const stored = await db.get('keyval', THROUGH_KEY);
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, number>) : {};
  }

  async function saveThrough(update: Record<string, number>): Promise<void> {
    const tx = db.transaction('keyval', 'readwrite', { durability: 'strict' });
    const current = await tx.store.get(THROUGH_KEY);
    const merged: Record<string, number> = {
      ...(typeof current === 'object' && current !== null ? current : {}),
    };
    // Never lowered: a slower tab finishing after a faster one must not undo its progress.
    for (const [workstation, through] of Object.entries(update)) {
      merged[workstation] = Math.max(merged[workstation] ?? 0, through);
    }
    await Promise.all([tx.store.put(merged, THROUGH_KEY), tx.done]);
  }

  return {
    catchUp(folder, workstation) {
      return withJournalLock(async () => {
        const through = (await readThrough())[workstation] ?? 0;
        const entries = await db.getAllFromIndex(
          'transactions',
          'byWorkstationSequence',
          IDBKeyRange.bound([workstation, through + 1], [workstation, Number.MAX_SAFE_INTEGER]),
        );
        if (entries.length === 0) return { written: [], keptAside: [] };
        const result = await writeEntries(folder, entries);
        await saveThrough(highestByWorkstation(entries));
        return result;
      });
    },

    writeAll(folder) {
      return withJournalLock(async () => {
        const entries = await db.getAllFromIndex('transactions', 'byWorkstationSequence');
        const result = await writeEntries(folder, entries);
        await saveThrough(highestByWorkstation(entries));
        return result;
      });
    },

    async readJournalFiles(folder, workstation) {
      const files: { name: string; transactions: OfflineTransaction[] }[] = [];
      for await (const name of folder.keys()) {
        if (!isJournalFileOf(name, workstation)) continue;
        const handle = await existingHandle(folder, name);
        const content = handle ? await readParsed(name, handle, workstation) : 'unreadable';
        if (content !== 'unreadable') files.push({ name, transactions: content });
      }
      return files.toSorted((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

/** The existing file, or null when there is none (NotFoundError); other errors go up. */
async function existingHandle(
  folder: JournalFolderHandle,
  name: string,
): Promise<JournalFileHandle | null> {
  try {
    return await folder.getFileHandle(name);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return null;
    throw error;
  }
}

function highestByWorkstation(entries: readonly OfflineTransaction[]): Record<string, number> {
  const highest: Record<string, number> = {};
  for (const e of entries)
    highest[e.workstation] = Math.max(highest[e.workstation] ?? 0, e.sequence);
  return highest;
}

let inPageChain: Promise<unknown> = Promise.resolve();

/**
 * One journal write at a time across every tab of this browser (Web Locks): two tabs writing the
 * same day's file at once would each rewrite it without the other's line. Where Web Locks are
 * missing (unit tests under Node) an in-page promise chain keeps this page's writes in order;
 * there are no other tabs there to order.
 */
function withJournalLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks) {
    return navigator.locks.request(LOCK_NAME, work) as Promise<T>;
  }
  const run = inPageChain.then(work, work);
  inPageChain = run.catch(() => undefined);
  return run;
}

// The journal of this browser: whether it is kept, in which folder, whether the folder can still be
// written, and writing each recorded transaction there. A journal problem never stops a desk: the
// transaction is already in IndexedDB, the state turns 'unwritable' and the screens say so; the
// next write that works fills in every line missed meanwhile.
import type { JournalState, ReceivedSequences } from '../../shared/offline/clientState.ts';
import {
  findJournalOnlyTransactions,
  type JournalOnlyTransactions,
} from '../../shared/offline/journalFile.ts';
import { raiseSequenceCounterTo } from '../outbox/sequenceFloor.ts';
import { heldSequences } from '../recovery/heldSequences.ts';
import type { OfflineDb } from '../storage/database.ts';
import type { JournalFolderHandle, JournalPermission } from './fileSystemAccess.ts';
import {
  askFolderPermission,
  chooseJournalFolder,
  folderPermission,
  rememberJournalFolder,
} from './journalFolder.ts';
import { writeJournalState } from './journalState.ts';
import {
  JournalFolderError,
  toJournalFolderError,
  type JournalWriteResult,
  type JournalWriter,
} from './journalWriter.ts';

export interface JournalProblem {
  /** Why the folder cannot be written, e.g. "the folder is read-only". */
  reason: string;
  /** Chromium wants a click before Circa writes there again. */
  permissionLost: boolean;
}

export interface JournalStatus {
  state: JournalState;
  folderName: string | null;
  problem: JournalProblem | null;
  /** Epoch ms of the last write that worked in this page; null before one. */
  lastWrittenAt: number | null;
  /** The file written last (usually today's). */
  lastFile: string | null;
  /** Files found that are not this workstation's journal: left untouched, written beside. */
  keptAside: string[];
}

export interface ChooseResult {
  chosen: boolean;
  /** Transactions the folder's journal holds that neither this browser nor the server has. */
  journalOnly: JournalOnlyTransactions | null;
}

export interface Journal {
  status(): JournalStatus;
  subscribe(listener: (status: JournalStatus) => void): () => void;
  /** Journals what the workstation recorded; never throws (a problem shows in the status). */
  afterRecord(workstation: string): Promise<void>;
  /** Checks the remembered folder's permission and fills in what it misses. */
  start(): Promise<void>;
  /** The folder picker, then everything the outbox holds is written there. */
  choose(): Promise<ChooseResult>;
  /** From a click: asks the browser for permission again, then fills in the missed lines. */
  allowAgain(): Promise<void>;
  /** Forgets the folder; its files stay on disk. */
  stop(): Promise<void>;
}

export interface JournalProps {
  db: OfflineDb;
  writer: JournalWriter;
  /** The remembered folder, if any. */
  folder: JournalFolderHandle | null;
  /** The workstation this client records as. */
  workstation: string;
  /** Whether the browser has the File System Access API. */
  supported: boolean;
  /** What the server has received from this workstation (snapshot.sequences), if it said. */
  serverSequences: ReceivedSequences | undefined;
  /** The browser's folder picker unless given (unit tests have no picker). */
  pickFolder?: () => Promise<JournalFolderHandle | null>;
  /** Keeps the chosen folder across reloads unless given (a memory folder cannot be stored). */
  rememberFolder?: (folder: JournalFolderHandle | null) => Promise<void>;
  now?: () => number;
}

export function createJournal(props: JournalProps): Journal {
  const { db, writer, workstation } = props;
  const now = props.now ?? Date.now;
  const pickFolder = props.pickFolder ?? chooseJournalFolder;
  const rememberFolder = props.rememberFolder ?? ((folder) => rememberJournalFolder(db, folder));
  let folder = props.folder;
  let status: JournalStatus = {
    state: !props.supported ? 'unsupported' : folder ? 'on' : 'off',
    folderName: folder?.name ?? null,
    problem: null,
    lastWrittenAt: null,
    lastFile: null,
    keptAside: [],
  };
  const listeners = new Set<(status: JournalStatus) => void>();

  /** The state last stored for the client's report; null until this page has stored one. */
  let storedState: JournalState | null = null;
  const update = async (change: Partial<JournalStatus>) => {
    status = { ...status, ...change };
    for (const listener of listeners) listener(status);
    if (status.state === storedState) return;
    storedState = status.state;
    // The state the client reports; a failure here changes nothing the screen already shows.
    await writeJournalState(db, status.state).catch(() => undefined);
  };

  const succeeded = (result: JournalWriteResult) =>
    update({
      state: 'on',
      folderName: folder?.name ?? null,
      problem: null,
      lastWrittenAt: result.written.length > 0 ? now() : status.lastWrittenAt,
      lastFile: result.written.at(-1) ?? status.lastFile,
      keptAside: [...new Set([...status.keptAside, ...result.keptAside])],
    });

  const failed = (error: unknown) => {
    const problem = toJournalFolderError(error);
    return update({
      state: 'unwritable',
      problem: { reason: problem.reason, permissionLost: problem.permissionLost },
    });
  };

  /** Every workstation this browser recorded as (older names too, from before a reinstall). */
  const catchUpAll = async (target: JournalFolderHandle): Promise<JournalWriteResult> => {
    const all: JournalWriteResult = { written: [], keptAside: [] };
    for (const counter of await db.getAll('counters')) {
      const result = await writer.catchUp(target, counter.workstation);
      all.written.push(...result.written);
      all.keptAside.push(...result.keptAside);
    }
    return all;
  };

  const heldHere = () => heldSequences(db, workstation);

  /** Writes again once the folder's permission is granted (asked or found), catching up. */
  const resume = async (
    permission: (folder: JournalFolderHandle) => Promise<JournalPermission>,
    refusal: string,
  ): Promise<void> => {
    const target = folder;
    if (target === null) return;
    if ((await permission(target)) !== 'granted') {
      await failed(new JournalFolderError(refusal, true));
      return;
    }
    try {
      await succeeded(await catchUpAll(target));
    } catch (error) {
      await failed(error);
    }
  };

  return {
    status: () => status,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async afterRecord(recordedAs) {
      const target = folder;
      if (target === null) return;
      try {
        await succeeded(await writer.catchUp(target, recordedAs));
      } catch (error) {
        await failed(error);
      }
    },

    start: () => resume(folderPermission, 'Circa needs your permission to write there again'),

    async choose() {
      const picked = await pickFolder();
      if (picked === null) return { chosen: false, journalOnly: null };
      await rememberFolder(picked);
      folder = picked;
      await update({ folderName: picked.name, keptAside: [], lastFile: null });
      try {
        await succeeded(await writer.writeAll(picked));
      } catch (error) {
        await failed(error);
        return { chosen: true, journalOnly: null };
      }
      try {
        const files = await writer.readJournalFiles(picked, workstation);
        // After a wipe in an outage the server never heard of the journal's last numbers: new
        // transactions must be numbered after them, or they would share numbers with them.
        let highestInJournal = 0;
        for (const file of files) {
          for (const t of file.transactions) {
            if (t.workstation === workstation)
              highestInJournal = Math.max(highestInJournal, t.sequence);
          }
        }
        await raiseSequenceCounterTo(db, workstation, highestInJournal);
        const journalOnly = findJournalOnlyTransactions({
          files: files.map((file) => ({
            name: file.name,
            sequences: file.transactions.map((t) => t.sequence),
          })),
          heldHere: await heldHere(),
          server: props.serverSequences,
        });
        return { chosen: true, journalOnly: journalOnly.count > 0 ? journalOnly : null };
      } catch {
        // The journal itself was written; only the look for older lines failed.
        return { chosen: true, journalOnly: null };
      }
    },

    allowAgain: () => resume(askFolderPermission, 'the browser did not allow Circa to write there'),

    async stop() {
      await rememberFolder(null);
      folder = null;
      await update({
        state: props.supported ? 'off' : 'unsupported',
        folderName: null,
        problem: null,
        lastFile: null,
        keptAside: [],
      });
    },
  };
}

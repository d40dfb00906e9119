// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readOfflineFile } from '../../shared/offlineFile/index.ts';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { createJournal, type Journal, type JournalStatus } from './journal.ts';
import { createJournaledOutbox } from './journaledOutbox.ts';
import { createJournalWriter } from './journalWriter.ts';
import type { JournalFolderHandle } from './fileSystemAccess.ts';
import { createMemoryFolder, type MemoryFolder } from './memoryFolder.testing.ts';

const TIME_ZONE = 'America/Chicago';
/** buildCheckOutDraft's times fall on this day in Chicago. */
const TODAY_FILE = 'circa-journal-DESK-1-2026-09-21.jsonl';

let dbCount = 0;

async function setUp(options: { folder?: MemoryFolder; db?: OfflineDb } = {}) {
  dbCount += 1;
  const db = options.db ?? (await openOfflineDb(`circa-journal-test-${dbCount}`));
  const folder = options.folder ?? createMemoryFolder();
  const journal = openJournal(db, folder);
  const outbox = createJournaledOutbox(createIndexedDbOutbox(db), journal);
  return { db, folder, journal, outbox };
}

function openJournal(db: OfflineDb, folder: MemoryFolder | null): Journal {
  return createJournal({
    db,
    writer: createJournalWriter({ db, timeZone: TIME_ZONE, appVersion: '1.0.0' }),
    folder,
    workstation: 'DESK-1',
    supported: true,
    serverSequences: undefined,
    pickFolder: async () => folder,
    rememberFolder: async () => undefined,
  });
}

function journalLines(folder: MemoryFolder, name = TODAY_FILE) {
  const text = folder.files.get(name);
  if (text === undefined) return null;
  const read = readOfflineFile(text);
  if (!read.ok) throw new Error(`${name} is not a circa-offline file`);
  return { count: read.header.count, sequences: read.transactions.map((t) => t.sequence) };
}

describe('recording through the journal', () => {
  it('writes each transaction to the day’s journal file before record() resolves', async () => {
    const { folder, outbox } = await setUp();
    const first = await outbox.record(buildCheckOutDraft());
    expect(journalLines(folder)).toEqual({ count: 1, sequences: [first.sequence] });
    await outbox.record(buildCheckOutDraft());
    expect(journalLines(folder)).toEqual({ count: 2, sequences: [1, 2] });
  });

  it('still records when the folder cannot be written, and says the journal is unwritable', async () => {
    const { db, folder, journal, outbox } = await setUp();
    const seen: JournalStatus[] = [];
    journal.subscribe((status) => seen.push(status));
    await outbox.record(buildCheckOutDraft());
    folder.failWrites = true;

    const recorded = await outbox.record(buildCheckOutDraft());

    expect(recorded.sequence).toBe(2);
    expect((await outbox.list()).map((e) => e.sequence)).toEqual([1, 2]);
    expect(journal.status()).toMatchObject({
      state: 'unwritable',
      problem: { reason: 'the folder is read-only', permissionLost: false },
    });
    expect(seen.at(-1)?.state).toBe('unwritable');
    expect(await db.get('keyval', 'journalState')).toBe('unwritable');
    expect(journalLines(folder)).toEqual({ count: 1, sequences: [1] });
  });

  it('fills in the lines missed while the folder was unwritable at the next write that works', async () => {
    const { db, folder, journal, outbox } = await setUp();
    folder.failWrites = true;
    await outbox.record(buildCheckOutDraft());
    await outbox.record(buildCheckOutDraft());
    // At most the empty file the first failed write created.
    expect(folder.files.get(TODAY_FILE) ?? '').toBe('');

    folder.failWrites = false;
    await outbox.record(buildCheckOutDraft());

    expect(journalLines(folder)).toEqual({ count: 3, sequences: [1, 2, 3] });
    expect(journal.status()).toMatchObject({ state: 'on', problem: null, lastFile: TODAY_FILE });
    expect(await db.get('keyval', 'journalState')).toBe('on');
  });

  it('loses no line when two tabs record at once', async () => {
    const first = await setUp();
    // A second tab: its own journal and outbox on the same database and folder.
    const second = await setUp({ db: first.db, folder: first.folder });
    const tabs = [first.outbox, second.outbox];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => tabs[i % 2]!.record(buildCheckOutDraft())),
    );
    expect(journalLines(first.folder)).toEqual({
      count: 12,
      sequences: Array.from({ length: 12 }, (_, i) => i + 1),
    });
  });

  it('lets one tab at a time read and rewrite a day file', async () => {
    const { db, folder, outbox } = await setUp();
    await outbox.record(buildCheckOutDraft());
    const plain = createIndexedDbOutbox(db);
    for (let i = 0; i < 3; i++) await plain.record(buildCheckOutDraft());
    // Counts the spans, from reading the day file to closing its new version, that overlap.
    let open = 0;
    let mostOpen = 0;
    const watched: JournalFolderHandle = {
      ...folder,
      async getFileHandle(name, options) {
        const handle = await folder.getFileHandle(name, options);
        let span: 'before' | 'open' | 'closed' = 'before';
        return {
          async getFile() {
            if (span === 'before') {
              span = 'open';
              open += 1;
              mostOpen = Math.max(mostOpen, open);
            }
            return handle.getFile();
          },
          async createWritable() {
            const writable = await handle.createWritable();
            return {
              write: (data: string) => writable.write(data),
              abort: () => writable.abort(),
              async close() {
                await writable.close();
                if (span === 'open') open -= 1;
                span = 'closed';
              },
            };
          },
        };
      },
    };
    const tabs = [1, 2].map(() =>
      createJournalWriter({ db, timeZone: TIME_ZONE, appVersion: '1.0.0' }),
    );
    await Promise.all(tabs.map((writer) => writer.catchUp(watched, 'DESK-1')));
    expect(mostOpen).toBe(1);
    expect(journalLines(folder)).toEqual({ count: 4, sequences: [1, 2, 3, 4] });
  });

  it('never overwrites a file of the day that is not a journal, and writes beside it', async () => {
    const folder = createMemoryFolder();
    folder.files.set(TODAY_FILE, 'notes someone saved here\n');
    const { journal, outbox } = await setUp({ folder });

    await outbox.record(buildCheckOutDraft());

    expect(folder.files.get(TODAY_FILE)).toBe('notes someone saved here\n');
    const beside = 'circa-journal-DESK-1-2026-09-21-2.jsonl';
    expect(journalLines(folder, beside)).toEqual({ count: 1, sequences: [1] });
    expect(journal.status().keptAside).toEqual([TODAY_FILE]);
  });
});

describe('choosing a journal folder', () => {
  it('writes everything the outbox holds, sent or not', async () => {
    dbCount += 1;
    const db = await openOfflineDb(`circa-journal-test-${dbCount}`);
    const plain = createIndexedDbOutbox(db);
    const sent = await plain.record(buildCheckOutDraft());
    await plain.record(buildCheckOutDraft());
    await plain.markSent([sent.id], Date.now());
    const folder = createMemoryFolder();

    const result = await openJournal(db, folder).choose();

    expect(result).toEqual({ chosen: true, journalOnly: null });
    expect(journalLines(folder)).toEqual({ count: 2, sequences: [1, 2] });
  });

  it('after a wipe, names what only the journal holds and keeps those lines', async () => {
    const before = await setUp();
    await before.outbox.record(buildCheckOutDraft());
    await before.outbox.record(buildCheckOutDraft());
    // Site data cleared: a new database that numbers on from 3 (the server knew of 2).
    dbCount += 1;
    const db = await openOfflineDb(`circa-journal-test-${dbCount}`);
    await db.put('counters', { workstation: 'DESK-1', lastSequence: 2, unsent: 0 });
    await createIndexedDbOutbox(db).record(buildCheckOutDraft());

    const result = await openJournal(db, before.folder).choose();

    expect(result.journalOnly).toEqual({
      runs: [{ from: 1, to: 2 }],
      count: 2,
      files: [TODAY_FILE],
    });
    expect(journalLines(before.folder)).toEqual({ count: 3, sequences: [1, 2, 3] });
  });

  it('after a wipe the server never heard of, numbers new transactions after the journal’s', async () => {
    const before = await setUp();
    for (let i = 0; i < 3; i += 1) await before.outbox.record(buildCheckOutDraft());
    // Site data cleared mid-outage: the server knew of none of them, so nothing raised the counter.
    dbCount += 1;
    const db = await openOfflineDb(`circa-journal-test-${dbCount}`);
    const journal = openJournal(db, before.folder);

    const result = await journal.choose();
    const outbox = createJournaledOutbox(createIndexedDbOutbox(db), journal);
    await outbox.record(buildCheckOutDraft());

    expect(result.journalOnly?.runs).toEqual([{ from: 1, to: 3 }]);
    expect(journalLines(before.folder)).toEqual({ count: 4, sequences: [1, 2, 3, 4] });
  });

  it('asks for permission again after a restart, and catches up once staff allow it', async () => {
    const { db, folder, outbox } = await setUp();
    await outbox.record(buildCheckOutDraft());
    // The browser restarted: the remembered folder wants a click before Circa writes again.
    folder.permission = 'prompt';
    const restarted = openJournal(db, folder);
    const desk = createJournaledOutbox(createIndexedDbOutbox(db), restarted);
    await restarted.start();
    expect(restarted.status()).toMatchObject({
      state: 'unwritable',
      problem: { permissionLost: true },
    });
    await desk.record(buildCheckOutDraft());
    expect(journalLines(folder)).toEqual({ count: 1, sequences: [1] });
    expect(restarted.status().problem).toEqual({
      reason: 'Circa no longer has permission to write there',
      permissionLost: true,
    });

    folder.permission = 'granted';
    await restarted.allowAgain();

    expect(restarted.status()).toMatchObject({ state: 'on', problem: null });
    expect(journalLines(folder)).toEqual({ count: 2, sequences: [1, 2] });
  });

  it('forgets the folder when staff stop the journal, leaving its files', async () => {
    const { folder, journal, outbox } = await setUp();
    await outbox.record(buildCheckOutDraft());
    await journal.stop();
    await outbox.record(buildCheckOutDraft());
    expect(journal.status()).toMatchObject({ state: 'off', folderName: null });
    expect(journalLines(folder)).toEqual({ count: 1, sequences: [1] });
  });
});

// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { createIndexedDbOutbox, toOutboxWriteError } from './indexedDbOutbox.ts';
import { raiseSequenceCounterTo } from './sequenceFloor.ts';
import { createMemoryOutbox } from './memoryOutbox.ts';
import { OutboxWriteError, type Outbox } from './outbox.ts';
import { buildCheckOutDraft } from './testDrafts.testing.ts';

let dbCount = 0;
const freshDbName = () => {
  dbCount += 1;
  return `circa-offline-test-${dbCount}`;
};

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const implementations: [string, () => Promise<Outbox>][] = [
  ['memory', async () => createMemoryOutbox()],
  ['IndexedDB', async () => createIndexedDbOutbox(await openOfflineDb(freshDbName()))],
];

describe.each(implementations)('%s outbox', (_name, open) => {
  it('gives each transaction a UUIDv7 id and the next sequence number of its workstation', async () => {
    const outbox = await open();
    const a = await outbox.record(buildCheckOutDraft());
    const b = await outbox.record(buildCheckOutDraft());
    const other = await outbox.record(buildCheckOutDraft({ workstation: 'DESK-2' }));
    expect(a.id).toMatch(UUID_V7);
    expect(b.id).not.toBe(a.id);
    expect([a.sequence, b.sequence, other.sequence]).toEqual([1, 2, 1]);
    expect(a.sentAt).toBeNull();
  });

  it('lists by workstation and sequence, and keeps every field as recorded', async () => {
    const outbox = await open();
    const draft = buildCheckOutDraft({
      dueDateBasis: { kind: 'special_patron', days: 7 },
    });
    const stored = await outbox.record(draft);
    await outbox.record(buildCheckOutDraft({ workstation: 'A-DESK' }));
    const list = await outbox.list();
    expect(list.map((e) => e.workstation)).toEqual(['A-DESK', 'DESK-1']);
    expect(list[1]).toEqual({ ...draft, id: stored.id, sequence: 1, sentAt: null });
  });

  it('counts recorded, unsent and sent, and deletes only acknowledged transactions', async () => {
    const outbox = await open();
    const [a, b, c] = [
      await outbox.record(buildCheckOutDraft()),
      await outbox.record(buildCheckOutDraft()),
      await outbox.record(buildCheckOutDraft()),
    ];
    expect(await outbox.counts()).toEqual({ recorded: 3, unsent: 3, sent: 0 });
    await outbox.markSent([a!.id, c!.id, 'not-an-id'], 1_800_000_000_000);
    expect((await outbox.unsent()).map((e) => e.id)).toEqual([b!.id]);
    expect(await outbox.counts()).toEqual({ recorded: 3, unsent: 1, sent: 2 });
    expect(await outbox.countSentKept()).toBe(2);
    expect(await outbox.deleteSent()).toBe(2);
    expect(await outbox.countSentKept()).toBe(0);
    expect((await outbox.list()).map((e) => e.id)).toEqual([b!.id]);
    expect(await outbox.counts()).toEqual({ recorded: 3, unsent: 1, sent: 2 });
    // The counter does not restart after a delete: numbers are never reused.
    expect((await outbox.record(buildCheckOutDraft())).sequence).toBe(4);
  });

  it('counts an acknowledgement once, however often its id is repeated', async () => {
    const outbox = await open();
    const a = await outbox.record(buildCheckOutDraft());
    await outbox.record(buildCheckOutDraft({ workstation: 'DESK-2' }));
    await outbox.markSent([a.id, a.id], 1_800_000_000_000);
    await outbox.markSent([a.id], 1_800_000_000_001);
    expect(await outbox.counts()).toEqual({ recorded: 2, unsent: 1, sent: 1 });
  });

  it('refuses an invalid transaction and stores nothing', async () => {
    const outbox = await open();
    const attempt = outbox.record(buildCheckOutDraft({ itemBarcode: '' }));
    await expect(attempt).rejects.toBeInstanceOf(OutboxWriteError);
    await expect(attempt).rejects.toMatchObject({ problem: 'INVALID_TRANSACTION' });
    expect(await outbox.list()).toEqual([]);
    expect(await outbox.counts()).toEqual({ recorded: 0, unsent: 0, sent: 0 });
  });
});

describe('IndexedDB outbox across tabs and restarts', () => {
  it('allocates unique, gap-free sequence numbers to concurrent records from two connections', async () => {
    const name = freshDbName();
    // Two connections to one database: what two tabs of the offline client have.
    const tabA = createIndexedDbOutbox(await openOfflineDb(name));
    const tabB = createIndexedDbOutbox(await openOfflineDb(name));
    const PER_TAB = 40;
    const writes = Array.from({ length: PER_TAB }, (_, i) => [
      tabA.record(buildCheckOutDraft({ itemBarcode: `A${i}` })),
      tabB.record(buildCheckOutDraft({ itemBarcode: `B${i}` })),
    ]).flat();
    const results = await Promise.all(writes);
    const sequences = results.map((r) => r.sequence).toSorted((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: PER_TAB * 2 }, (_, i) => i + 1));
    const stored = await tabA.list();
    expect(stored).toHaveLength(PER_TAB * 2);
    expect(new Set(stored.map((e) => e.id)).size).toBe(PER_TAB * 2);
    expect(await tabB.counts()).toEqual({ recorded: 80, unsent: 80, sent: 0 });
  });

  it('numbers after the other tab when it recorded since this tab last did, storing nothing twice', async () => {
    const name = freshDbName();
    const tabA = createIndexedDbOutbox(await openOfflineDb(name));
    const tabB = createIndexedDbOutbox(await openOfflineDb(name));
    // Tab A's next number is guessed from its own last write; tab B's write makes that guess wrong.
    expect((await tabA.record(buildCheckOutDraft())).sequence).toBe(1);
    expect((await tabB.record(buildCheckOutDraft())).sequence).toBe(2);
    expect((await tabA.record(buildCheckOutDraft())).sequence).toBe(3);
    expect((await tabA.record(buildCheckOutDraft())).sequence).toBe(4);
    expect((await tabB.record(buildCheckOutDraft())).sequence).toBe(5);
    expect((await tabA.list()).map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(await tabA.counts()).toEqual({ recorded: 5, unsent: 5, sent: 0 });
  });

  it('numbers after a raised floor and keeps the unsent tally after a send from another tab', async () => {
    const name = freshDbName();
    const db = await openOfflineDb(name);
    const tabA = createIndexedDbOutbox(db);
    const tabB = createIndexedDbOutbox(await openOfflineDb(name));
    const first = await tabA.record(buildCheckOutDraft());
    // The server knew numbers up to 10 from this workstation (e.g. after a wipe).
    await raiseSequenceCounterTo(db, 'DESK-1', 10);
    expect((await tabA.record(buildCheckOutDraft())).sequence).toBe(11);
    await tabB.markSent([first.id], 1_800_000_000_000);
    expect((await tabA.record(buildCheckOutDraft())).sequence).toBe(12);
    // Recorded 12 numbers' worth, 1 of the 3 stored acknowledged.
    expect(await tabA.counts()).toEqual({ recorded: 12, unsent: 2, sent: 10 });
    expect((await tabA.unsent()).map((e) => e.sequence)).toEqual([11, 12]);
  });

  it('keeps transactions when the database is closed and opened again', async () => {
    const name = freshDbName();
    const first: OfflineDb = await openOfflineDb(name);
    const recorded = await createIndexedDbOutbox(first).record(buildCheckOutDraft());
    first.close();
    const reopened = createIndexedDbOutbox(await openOfflineDb(name));
    expect(await reopened.list()).toEqual([recorded]);
    expect((await reopened.record(buildCheckOutDraft())).sequence).toBe(2);
  });

  it('rolls back the whole write when storing fails, so nothing shows as recorded', async () => {
    const name = freshDbName();
    const db = await openOfflineDb(name);
    const outbox = createIndexedDbOutbox(db, {
      newId: () => '0190a000-0000-7000-8000-000000000001',
    });
    const first = await outbox.record(buildCheckOutDraft());
    // The same id again: the add fails inside the transaction (as a full disk would).
    const attempt = outbox.record(buildCheckOutDraft());
    await expect(attempt).rejects.toMatchObject({
      name: 'OutboxWriteError',
      problem: 'WRITE_FAILED',
    });
    expect(await outbox.list()).toEqual([first]);
    // The counter was rolled back with the failed add: the next number follows without a gap.
    expect(await outbox.counts()).toEqual({ recorded: 1, unsent: 1, sent: 0 });
  });

  it('counts the unsent transactions of a version 1 database once, when it is upgraded', async () => {
    const name = freshDbName();
    await createVersion1Database(name, [
      { id: 'a', workstation: 'DESK-1', sequence: 1, outboxState: 'sent' },
      { id: 'b', workstation: 'DESK-1', sequence: 2, outboxState: 'unsent' },
      { id: 'c', workstation: 'DESK-1', sequence: 3, outboxState: 'unsent' },
      { id: 'd', workstation: 'DESK-2', sequence: 1, outboxState: 'unsent' },
    ]);
    const outbox = createIndexedDbOutbox(await openOfflineDb(name));
    expect(await outbox.counts()).toEqual({ recorded: 4, unsent: 3, sent: 1 });
    await outbox.record(buildCheckOutDraft({ workstation: 'DESK-2' }));
    expect(await outbox.counts()).toEqual({ recorded: 5, unsent: 4, sent: 1 });
  });

  it('reports a full disk as STORAGE_FULL and any other refusal as WRITE_FAILED', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(toOutboxWriteError(quota)).toMatchObject({ problem: 'STORAGE_FULL', cause: quota });
    expect(toOutboxWriteError(new DOMException('x', 'UnknownError')).problem).toBe('WRITE_FAILED');
  });
});

/** The database as version 1 of the offline client left it: counters without an unsent tally. */
async function createVersion1Database(
  name: string,
  transactions: { id: string; workstation: string; sequence: number; outboxState: string }[],
): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.addEventListener('upgradeneeded', () => {
      const created = request.result;
      const store = created.createObjectStore('transactions', { keyPath: 'id' });
      store.createIndex('byWorkstationSequence', ['workstation', 'sequence'], { unique: true });
      store.createIndex('byState', 'outboxState');
      created.createObjectStore('counters', { keyPath: 'workstation' });
      created.createObjectStore('keyval');
    });
    request.addEventListener('success', () => resolve(request.result));
    request.addEventListener('error', () => reject(request.error));
  });
  const tx = db.transaction(['transactions', 'counters'], 'readwrite');
  const lastSequence = new Map<string, number>();
  for (const t of transactions) {
    tx.objectStore('transactions').put(t);
    lastSequence.set(t.workstation, Math.max(lastSequence.get(t.workstation) ?? 0, t.sequence));
  }
  for (const [workstation, last] of lastSequence) {
    tx.objectStore('counters').put({ workstation, lastSequence: last });
  }
  await new Promise((resolve, reject) => {
    tx.addEventListener('complete', resolve);
    tx.addEventListener('error', () => reject(tx.error));
  });
  db.close();
}

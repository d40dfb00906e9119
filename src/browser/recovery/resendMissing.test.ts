// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { serverView } from '../../shared/offline/recovery.testing.ts';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { json, sessionInfo } from '../sending/fakeServer.testing.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { reportOfflineClient } from './clientReporting.ts';
import {
  countConfirmedSent,
  deleteConfirmedSent,
  readConfirmation,
  reopenMissing,
  writeConfirmation,
} from './resendMissing.ts';

const SENT_AT = 1_800_000_000_000;

let dbCount = 0;
async function freshDb(): Promise<OfflineDb> {
  dbCount += 1;
  return openOfflineDb(`circa-resend-test-${dbCount}`);
}

/** Records `count` check-outs at DESK-1 and marks the first `sent` of them acknowledged. */
async function recordAndSend(outbox: Outbox, count: number, sent: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await outbox.record(buildCheckOutDraft())).id);
  await outbox.markSent(ids.slice(0, sent), SENT_AT);
  return ids;
}

const implementations: [string, () => Promise<Outbox>][] = [
  ['memory', async () => createMemoryOutbox()],
  ['IndexedDB', async () => createIndexedDbOutbox(await freshDb())],
];

describe.each(implementations)('%s outbox markUnsent', (_name, open) => {
  it('makes acknowledged transactions unsent again, once, and counts them unsent', async () => {
    const outbox = await open();
    const ids = await recordAndSend(outbox, 4, 3);
    expect(await outbox.counts()).toEqual({ recorded: 4, unsent: 1, sent: 3 });
    // An unsent id, an unknown id and a repeated id change nothing more.
    expect(await outbox.markUnsent([ids[1]!, ids[2]!, ids[2]!, ids[3]!, 'not-an-id'])).toBe(2);
    expect(await outbox.counts()).toEqual({ recorded: 4, unsent: 3, sent: 1 });
    expect((await outbox.unsent()).map((e) => e.id)).toEqual(ids.slice(1));
    expect(await outbox.markUnsent([ids[1]!])).toBe(0);
  });
});

describe('reopenMissing', () => {
  it('reopens the sent transactions whose numbers the server now misses, and no other', async () => {
    const db = await freshDb();
    const outbox = createIndexedDbOutbox(db);
    // 1–8 acknowledged, 9–10 not yet sent; the promoted standby received only 1–5.
    const ids = await recordAndSend(outbox, 10, 8);
    expect(await reopenMissing(db, 'DESK-1', serverView(10, [1, 2, 3, 4, 5]))).toBe(3);
    expect((await outbox.unsent()).map((e) => e.id)).toEqual(ids.slice(5));
    expect(await outbox.counts()).toEqual({ recorded: 10, unsent: 5, sent: 5 });
    // The same answer again finds them already unsent.
    expect(await reopenMissing(db, 'DESK-1', serverView(10, [1, 2, 3, 4, 5]))).toBe(0);
    expect(await reopenMissing(db, 'DESK-2', serverView(10, []))).toBe(0);
  });
});

describe('deleting sent transactions by confirmation', () => {
  it('deletes only what the latest confirmation counts received, and nothing without one', async () => {
    const db = await freshDb();
    const outbox = createIndexedDbOutbox(db);
    const ids = await recordAndSend(outbox, 6, 5);
    expect(await countConfirmedSent(db)).toBe(0);
    expect(await deleteConfirmedSent(db)).toBe(0);
    // The standbys had received 1–3 when they caught up; 4 and 5 were acknowledged after.
    await writeConfirmation(db, { workstation: 'DESK-1', sequences: serverView(3, [1, 2, 3]) });
    expect(await countConfirmedSent(db)).toBe(3);
    expect(await deleteConfirmedSent(db)).toBe(3);
    expect((await outbox.list()).map((e) => e.id)).toEqual(ids.slice(3));
    expect(await outbox.counts()).toEqual({ recorded: 6, unsent: 1, sent: 5 });
  });
});

/** A server whose report answer is `answer`, for DESK-1's session. */
const server =
  (answer: { sequences: ReturnType<typeof serverView>; replicated: boolean }): typeof fetch =>
  async (input) =>
    String(input) === '/api/session'
      ? json(200, {
          ...sessionInfo(SENT_AT + 3_600_000),
          actions: ['session.read'],
          workstation: {
            id: 1,
            name: 'DESK-1',
            branch: { id: 1, code: 'MAIN', name: 'Main', timeZone: 'UTC' },
          },
        })
      : json(200, answer);

describe('reportOfflineClient after a failover', () => {
  it('reopens what the new primary lacks, and keeps only a replicated answer as the confirmation', async () => {
    const db = await freshDb();
    const outbox = createIndexedDbOutbox(db);
    const ids = await recordAndSend(outbox, 6, 6);
    // The old primary acknowledged all six; its asynchronous standby had only 1–4 when promoted.
    const reported = await reportOfflineClient(db, {
      installed: true,
      fetch: server({ sequences: serverView(6, [1, 2, 3, 4]), replicated: false }),
    });
    expect(reported).toMatchObject({ reopened: 2, sequences: { missing: [{ from: 5, to: 6 }] } });
    expect((await outbox.unsent()).map((e) => e.id)).toEqual(ids.slice(4));
    expect(await readConfirmation(db)).toBeNull();

    await outbox.markSent(ids.slice(4), SENT_AT + 1);
    await reportOfflineClient(db, {
      installed: true,
      fetch: server({ sequences: serverView(6, [1, 2, 3, 4, 5, 6]), replicated: true }),
    });
    expect(await outbox.counts()).toMatchObject({ unsent: 0 });
    expect(await deleteConfirmedSent(db)).toBe(6);
  });
});

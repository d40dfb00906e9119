// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { CSRF, json, sessionInfo } from '../sending/fakeServer.testing.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { buildSnapshot } from '../storage/testSnapshot.testing.ts';
import { onClientReported, reportAfterSend, reportOfflineClient } from './clientReporting.ts';
import { heldSequences } from './heldSequences.ts';
import { findLostHere, freshestSequences } from './lostTransactions.ts';
import { readReceivedSequences, writeReceivedSequences } from './receivedSequencesStore.ts';
import { serverView } from '../../shared/offline/recovery.testing.ts';

let dbCount = 0;
async function freshDb(): Promise<{ db: OfflineDb; name: string }> {
  dbCount += 1;
  const name = `circa-recovery-test-${dbCount}`;
  return { db: await openOfflineDb(name), name };
}

/** Records `count` check-outs at `workstation`: sequence numbers 1…count. */
async function record(db: OfflineDb, count: number, workstation = 'DESK-1'): Promise<void> {
  const outbox = createIndexedDbOutbox(db);
  for (let i = 0; i < count; i += 1) await outbox.record(buildCheckOutDraft({ workstation }));
}

const REFRESHED_AT = 1_800_000_000_000;
const installation = { snapshotRefreshedAt: REFRESHED_AT };

describe('heldSequences', () => {
  it('lists every number of the workstation, and no other workstation’s', async () => {
    const { db } = await freshDb();
    await record(db, 5);
    await record(db, 2, 'DESK-2');
    expect(await heldSequences(db, 'DESK-1')).toEqual([1, 2, 3, 4, 5]);
    expect(await heldSequences(db, 'DESK-2')).toEqual([1, 2]);
    expect(await heldSequences(db, 'DESK-3')).toEqual([]);
  });

  it('reads only inside the runs asked for, whole or in part', async () => {
    const { db } = await freshDb();
    await record(db, 6);
    expect(
      await heldSequences(db, 'DESK-1', [
        { from: 2, to: 3 },
        { from: 5, to: 9 },
        { from: 20, to: 30 },
      ]),
    ).toEqual([2, 3, 5, 6]);
  });
});

describe('freshestSequences', () => {
  const older = serverView(10, [1, 2, 3]);
  const newer = serverView(10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  it('prefers the report answer stored since the snapshot was downloaded', () => {
    const stored = { workstation: 'DESK-1', sequences: newer, storedAt: REFRESHED_AT + 1 };
    const snapshot = buildSnapshot({ sequences: older });
    expect(freshestSequences({ stored, snapshot, installation })).toBe(newer);
  });

  it('prefers a snapshot downloaded after the last report', () => {
    const stored = { workstation: 'DESK-1', sequences: older, storedAt: REFRESHED_AT - 1 };
    const snapshot = buildSnapshot({ sequences: newer });
    expect(freshestSequences({ stored, snapshot, installation })).toBe(newer);
  });

  it('ignores an answer about another workstation, and falls back on what there is', () => {
    const stored = { workstation: 'DESK-2', sequences: newer, storedAt: REFRESHED_AT + 1 };
    expect(
      freshestSequences({ stored, snapshot: buildSnapshot({ sequences: older }), installation }),
    ).toBe(older);
    expect(freshestSequences({ stored, snapshot: buildSnapshot(), installation })).toBeNull();
    const own = { ...stored, workstation: 'DESK-1', storedAt: REFRESHED_AT - 1 };
    expect(freshestSequences({ stored: own, snapshot: buildSnapshot(), installation })).toBe(newer);
  });
});

describe('findLostHere', () => {
  it('finds the numbers the server misses and this wiped browser no longer has', async () => {
    const { db } = await freshDb();
    const snapshot = buildSnapshot({ sequences: serverView(4, []) });
    expect(await findLostHere({ db, snapshot, installation })).toEqual({
      runs: [{ from: 1, to: 4 }],
      count: 4,
    });
  });

  it('finds nothing lost while this browser still holds the unsent numbers', async () => {
    const { db } = await freshDb();
    await record(db, 6);
    const snapshot = buildSnapshot({ sequences: serverView(6, [1, 2]) });
    expect(await findLostHere({ db, snapshot, installation })).toEqual({ runs: [], count: 0 });
  });

  it('goes by the stored report answer when it is fresher than the snapshot', async () => {
    const { db } = await freshDb();
    await record(db, 2);
    await writeReceivedSequences(db, {
      workstation: 'DESK-1',
      sequences: serverView(5, []),
      storedAt: REFRESHED_AT + 1,
    });
    const snapshot = buildSnapshot({ sequences: serverView(0, []) });
    expect(await findLostHere({ db, snapshot, installation })).toEqual({
      runs: [{ from: 3, to: 5 }],
      count: 3,
    });
  });

  it('finds nothing without any word from the server', async () => {
    const { db } = await freshDb();
    expect(
      await findLostHere({ db, snapshot: buildSnapshot(), installation }).then((l) => l.count),
    ).toBe(0);
  });
});

/** What fetch does with the server stopped. */
const down: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

describe('reportOfflineClient', () => {
  const sequences = serverView(3, [1]);
  const requests: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: unknown;
  }[] = [];
  const server =
    (props: { workstation?: string | null; reportStatus?: number } = {}): typeof fetch =>
    async (input, init) => {
      const url = String(input);
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method: init?.method ?? 'GET', url, headers, body });
      if (url === '/api/session') {
        const workstation = props.workstation === undefined ? 'DESK-1' : props.workstation;
        return json(200, {
          ...sessionInfo(REFRESHED_AT + 3_600_000),
          actions: ['session.read', 'offline.uploadFile'],
          workstation: workstation && {
            id: 1,
            name: workstation,
            branch: { id: 1, code: 'MAIN', name: 'Main', timeZone: 'UTC' },
          },
        });
      }
      if (props.reportStatus) {
        return json(props.reportStatus, { error: { code: 'INTERNAL', message: 'No.' } });
      }
      return json(200, { sequences, replicated: true });
    };

  it('reports the session workstation’s counter and keeps the answer', async () => {
    requests.length = 0;
    const { db } = await freshDb();
    await record(db, 3);
    const heard: unknown[] = [];
    const stop = onClientReported((reported) => heard.push(reported));
    const reported = await reportOfflineClient(db, {
      installed: true,
      fetch: server(),
      now: () => REFRESHED_AT + 5,
    });
    stop();
    const expected = { workstation: 'DESK-1', sequences, reopened: 0, mayUpload: true };
    expect(reported).toEqual(expected);
    expect(heard).toEqual([expected]);
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('/api/offline/client-state');
    expect(put?.headers['x-csrf-token']).toBe(CSRF);
    // No snapshot stored in this database: not installed, whatever the caller believes.
    expect(put?.body).toEqual({
      installed: false,
      appVersion: null,
      snapshotTakenAt: null,
      lastSequence: 3,
      unsent: 3,
      journal: 'unsupported',
    });
    expect(await readReceivedSequences(db)).toEqual({
      workstation: 'DESK-1',
      sequences,
      storedAt: REFRESHED_AT + 5,
    });
  });

  it('resolves to null and stores nothing when it cannot report', async () => {
    const { db } = await freshDb();
    for (const fetch of [down, server({ workstation: null }), server({ reportStatus: 500 })]) {
      expect(await reportOfflineClient(db, { installed: true, fetch })).toBeNull();
    }
    expect(await readReceivedSequences(db)).toBeNull();
  });

  it('after a send, reports on a connection of its own', async () => {
    const { db, name } = await freshDb();
    await record(db, 1);
    db.close();
    const reported = await reportAfterSend({ dbName: name, installed: true, fetch: server() });
    expect(reported?.sequences).toEqual(sequences);
    const again = await openOfflineDb(name);
    expect((await readReceivedSequences(again))?.workstation).toBe('DESK-1');
    again.close();
  });
});

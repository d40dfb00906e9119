// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReceivedSequences } from '../../shared/offline/clientState.ts';
import { createIndexedDbOutbox } from '../outbox/indexedDbOutbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { openOfflineDb } from '../storage/database.ts';
import { reportAtSignIn } from './reportAtSignIn.ts';

/** What fetch does with the server stopped. */
const serverDown: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

let dbCount = 0;
const nextDbName = () => `circa-report-test-${(dbCount += 1)}`;

/** A server that records each report and answers with `sequences`. */
function serverAnswering(sequences: ReceivedSequences) {
  const reports: unknown[] = [];
  const fetchImpl: typeof fetch = async (_url, init) => {
    reports.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify({ sequences, replicated: true }), { status: 200 });
  };
  return { reports, fetch: fetchImpl };
}

async function recordAt(dbName: string, workstation: string, count: number): Promise<void> {
  const db = await openOfflineDb(dbName);
  const outbox = createIndexedDbOutbox(db);
  for (let i = 0; i < count; i += 1) await outbox.record(buildCheckOutDraft({ workstation }));
  db.close();
}

describe('reportAtSignIn', () => {
  it('reports a browser without the client, and finds every missing number lost after a wipe', async () => {
    const dbName = nextDbName();
    const server = serverAnswering({
      received: 40,
      highestReceived: 40,
      highestReported: 60,
      missing: [{ from: 41, to: 60 }],
      missingCount: 20,
    });
    const lost = await reportAtSignIn({
      workstation: 'DESK-1',
      installed: false,
      csrfToken: 'token',
      dbName,
      fetch: server.fetch,
    });
    expect(server.reports).toEqual([
      {
        installed: false,
        appVersion: null,
        snapshotTakenAt: null,
        lastSequence: 0,
        unsent: 0,
        journal: 'unsupported',
      },
    ]);
    expect(lost).toEqual({ runs: [{ from: 41, to: 60 }], count: 20 });
  });

  it('leaves out what this browser still holds, and other workstations’ numbers count for nothing', async () => {
    const dbName = nextDbName();
    await recordAt(dbName, 'DESK-1', 45);
    await recordAt(dbName, 'DESK-2', 60);
    const server = serverAnswering({
      received: 38,
      highestReceived: 40,
      highestReported: 60,
      missing: [
        { from: 3, to: 4 },
        { from: 41, to: 60 },
      ],
      missingCount: 22,
    });
    const lost = await reportAtSignIn({
      workstation: 'DESK-1',
      installed: true,
      csrfToken: 'token',
      dbName,
      fetch: server.fetch,
    });
    expect(lost).toEqual({ runs: [{ from: 46, to: 60 }], count: 15 });
    expect(server.reports).toMatchObject([{ lastSequence: 45, unsent: 45 }]);
  });

  it('finds nothing lost when the server misses nothing, and rejects when it cannot report', async () => {
    const dbName = nextDbName();
    const nothingMissing = serverAnswering({
      received: 5,
      highestReceived: 5,
      highestReported: 5,
      missing: [],
      missingCount: 0,
    });
    const props = { workstation: 'DESK-1', installed: false, csrfToken: 'token', dbName };
    expect(await reportAtSignIn({ ...props, fetch: nothingMissing.fetch })).toEqual({
      runs: [],
      count: 0,
    });
    await expect(reportAtSignIn({ ...props, fetch: serverDown })).rejects.toMatchObject({
      name: 'ServerUnreachableError',
    });
  });
});

// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSnapshot } from '../storage/testSnapshot.testing.ts';
import { openOfflineDb } from '../storage/database.ts';
import { readInstallation, readSnapshot } from '../storage/localState.ts';
import {
  installOfflineClient,
  isOfflineClientInstalled,
  refreshSnapshot,
} from './installOfflineClient.ts';

let dbCount = 0;
let dbName = '';
let registered: { url: string; scope: string | undefined }[] = [];

/** What fetch does with the server stopped. */
const serverDown: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

const answering =
  (status: number, body: unknown): typeof fetch =>
  async () =>
    new Response(JSON.stringify(body), { status });

beforeEach(() => {
  dbCount += 1;
  dbName = `circa-install-test-${dbCount}`;
  registered = [];
  vi.stubGlobal('navigator', {
    serviceWorker: {
      register: async (url: string, options?: RegistrationOptions) => {
        registered.push({ url, scope: options?.scope });
        return {};
      },
      getRegistration: async () => (registered.length > 0 ? {} : undefined),
    },
    storage: { persist: async () => false },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('installOfflineClient', () => {
  it('numbers on after every sequence number the server knows, never lowering a counter', async () => {
    const sequences = {
      received: 40,
      highestReceived: 40,
      highestReported: 60,
      missing: [{ from: 41, to: 60 }],
      missingCount: 20,
    };
    await installOfflineClient({ dbName, fetch: answering(200, buildSnapshot({ sequences })) });
    const db = await openOfflineDb(dbName);
    expect(await db.get('counters', 'DESK-1')).toEqual({
      workstation: 'DESK-1',
      lastSequence: 60,
      unsent: 0,
    });
    await db.put('counters', { workstation: 'DESK-1', lastSequence: 75, unsent: 3 });
    db.close();
    await refreshSnapshot({ dbName, fetch: answering(200, buildSnapshot({ sequences })) });
    const again = await openOfflineDb(dbName);
    expect(await again.get('counters', 'DESK-1')).toEqual({
      workstation: 'DESK-1',
      lastSequence: 75,
      unsent: 3,
    });
    again.close();
  });

  it('registers the /offline/ service worker and stores the snapshot with who installed it', async () => {
    const snapshot = buildSnapshot({ takenAt: Date.now() + 60_000 });
    const result = await installOfflineClient({ dbName, fetch: answering(200, snapshot) });
    expect(result.url).toBe('/offline/');
    expect(registered).toEqual([{ url: '/offline/sw.js', scope: '/offline/' }]);
    const db = await openOfflineDb(dbName);
    expect(await readSnapshot(db)).toEqual(snapshot);
    const installation = await readInstallation(db);
    expect(installation?.installedBy).toEqual({ username: 'desk', displayName: 'Desk Staff' });
    // The server's clock is a minute ahead of this one.
    expect(installation?.clockOffsetMs).toBeGreaterThan(59_000);
    expect(installation?.clockOffsetMs).toBeLessThan(61_000);
    db.close();
    expect(await isOfflineClientInstalled({ dbName })).toBe(true);
  });

  it('passes on the server’s reason when it refuses, and stores nothing', async () => {
    const refusal = { error: { code: 'FORBIDDEN', message: 'Your role may not install it.' } };
    await expect(
      installOfflineClient({ dbName, fetch: answering(403, refusal) }),
    ).rejects.toMatchObject({
      problem: 'SNAPSHOT_REFUSED',
      message: 'Your role may not install it.',
    });
    const db = await openOfflineDb(dbName);
    expect(await readSnapshot(db)).toBeNull();
    db.close();
    expect(await isOfflineClientInstalled({ dbName })).toBe(false);
  });

  it('refuses a snapshot it cannot read, and an unreachable server, with what to do', async () => {
    await expect(
      installOfflineClient({ dbName, fetch: answering(200, { snapshotVersion: 99 }) }),
    ).rejects.toMatchObject({
      problem: 'SNAPSHOT_INVALID',
      message: expect.stringMatching(/Reload/),
    });
    await expect(installOfflineClient({ dbName, fetch: serverDown })).rejects.toMatchObject({
      problem: 'SNAPSHOT_UNREACHABLE',
    });
  });
});

describe('refreshSnapshot', () => {
  it('does nothing before install, then replaces the snapshot and keeps who installed it', async () => {
    expect(await refreshSnapshot({ dbName, fetch: answering(200, buildSnapshot()) })).toBe(false);
    await installOfflineClient({ dbName, fetch: answering(200, buildSnapshot()) });
    const db = await openOfflineDb(dbName);
    const before = await readInstallation(db);
    const newer = buildSnapshot({
      staff: { username: 'evening', displayName: 'Evening Staff' },
      knownThrough: '2028-01-31',
    });
    expect(await refreshSnapshot({ dbName, fetch: answering(200, newer) })).toBe(true);
    expect(await readSnapshot(db)).toEqual(newer);
    const after = await readInstallation(db);
    expect(after?.installedBy).toEqual(before?.installedBy);
    expect(after?.installedAt).toBe(before?.installedAt);
    expect(after?.snapshotRefreshedAt).toBeGreaterThanOrEqual(before!.snapshotRefreshedAt);
    db.close();
  });
});

// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { OFFLINE_DB_VERSION, openOfflineDb } from './database.ts';

describe('openOfflineDb', () => {
  it('lets a newer version in another tab upgrade once this connection closes', async () => {
    let asked = 0;
    await openOfflineDb('circa-offline-upgrade-test', (event) => {
      asked += 1;
      (event.target as IDBDatabase).close();
    });
    const newerVersion = OFFLINE_DB_VERSION + 1;
    const upgraded = await new Promise<number>((resolve, reject) => {
      const request = indexedDB.open('circa-offline-upgrade-test', newerVersion);
      request.addEventListener('success', () => {
        resolve(request.result.version);
        request.result.close();
      });
      request.addEventListener('error', () => reject(request.error));
      request.addEventListener('blocked', () => reject(new Error('the upgrade was blocked')));
    });
    expect(asked).toBe(1);
    expect(upgraded).toBe(newerVersion);
  });
});

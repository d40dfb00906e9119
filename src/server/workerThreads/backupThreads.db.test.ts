// The daily backup's thread: the same backup as `circa backup`, made on a thread of its own (run
// here from the TypeScript source, so through the tsx loader; the compiled server's daily backup in
// backup/dailyBackup.db.test.ts runs the built thread file).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
} from '../offline/fixtures.testing.ts';
import { processPendingOfflineTransactions } from '../offline/process.ts';
import { receiveOfflineUpload } from '../offline/receive.ts';
import { openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { makeBackupOnThread } from './backupThreads.ts';

describe('makeBackupOnThread [sqlite]', () => {
  let test: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'circa-backup-thread-'));
  const LOANS = 3;

  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
    const library = await buildOfflineLibrary(test.db);
    const patron = await library.patron();
    const desk = offlineWorkstation({
      name: 'BACKUP-THREAD',
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
    });
    const transactions = [];
    for (let i = 0; i < LOANS; i++) {
      const item = await library.item();
      transactions.push(
        desk.checkOut({
          patronBarcode: patron.barcode,
          itemBarcode: item.barcode,
          occurredAt: OUTAGE_START_MS + i,
        }),
      );
    }
    await receiveOfflineUpload({
      db: test.db,
      actor: { user: { id: library.staff.id }, workstation: { name: 'BACKUP-THREAD' } },
      source: 'client',
      transactions,
      now: OUTAGE_START_MS,
    });
    await processPendingOfflineTransactions({ db: test.db, now: () => OUTAGE_START_MS });
  });
  afterAll(async () => {
    await test.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes and checks the backup on its thread, every loan in it', async () => {
    const file = join(dir, 'thread.sqlite');
    const made = await makeBackupOnThread({ databaseUrl: test.url, file });
    expect(made).toMatchObject({ engine: 'sqlite', file, loans: LOANS });
    expect(made.bytes).toBeGreaterThan(0);
    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.prepare('select count(*) as n from loans').get()).toEqual({ n: LOANS });
    } finally {
      copy.close();
    }
  });

  it('brings the backup’s own error back from the thread, and leaves no file behind', async () => {
    const file = join(dir, 'nothing.sqlite');
    await expect(
      makeBackupOnThread({ databaseUrl: `sqlite:${join(dir, 'missing.sqlite')}`, file }),
    ).rejects.toThrow(/There is no SQLite database at .*missing\.sqlite: check DATABASE_URL/);
    expect(existsSync(file)).toBe(false);
  });
});

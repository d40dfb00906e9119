// The SQLite database on a disk that fills up, or turns read-only, while the server runs: an upload
// gets a clear error naming the problem (never a crash, never a 200), nothing is stored from it, and
// once the disk is fixed the same upload, sent again, stores every transaction exactly once.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CircaServer } from '../e2e/support/server.ts';
import { connectDatabase, type DatabaseHandle } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { OUTAGE_START_MS } from '../src/server/offline/fixtures.testing.ts';
import { ApiError } from '../src/shared/api/errors.ts';
import { OfflineUploadResult } from '../src/shared/api/offline.ts';
import { CSRF_HEADER } from '../src/shared/api/session.ts';
import type { OfflineTransaction } from '../src/shared/offline/transaction.ts';
import { addWorkstations, buildFaultLibrary, type FaultLibrary } from './support/library.ts';
import { createRng, faultSeed } from './support/rng.ts';
import { mountTinyDisk, type TinyDisk } from './support/tinyDisk.ts';
import { recordOutage } from './support/transactions.ts';
import { startTrialServer } from './support/trialServer.ts';
import { nameWorkstation, signInDesk, type DeskSession } from './support/uploadClient.ts';

/** Room for the trial's library and a few uploads, small enough to fill in an instant. */
const DISK_MIB = 48;
const TRANSACTIONS = 400;

describe('SQLite database on a full or read-only disk', () => {
  const seed = faultSeed();
  const rng = createRng(seed);
  let disk: TinyDisk;
  let database: DatabaseHandle;
  let library: FaultLibrary;
  let server: CircaServer;
  let session: DeskSession;

  beforeAll(async () => {
    console.log(`[faults] disk trials: seed ${seed} (CIRCA_FAULT_SEED=${seed})`);
    disk = mountTinyDisk(DISK_MIB);
    const url = `sqlite:${join(disk.dir, 'circa.sqlite')}`;
    database = connectDatabase(url);
    await migrateToLatest(database.db);
    library = await buildFaultLibrary(database.db);
    // Migrating and building the library grew the write-ahead log, and SQLite reuses a WAL file's
    // space without growing it: truncated, the full disk below meets a write that needs room.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    server = await startTrialServer(url);
    session = await signInDesk({
      baseUrl: server.url,
      username: library.staff.username,
      password: library.staff.password,
      workstation: 'DISK-CLIENT',
      deadline: Date.now() + 30_000,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
    await database?.close();
    disk?.dispose();
  });

  async function outage(workstation: string): Promise<OfflineTransaction[]> {
    await addWorkstations(database.db, library, [workstation]);
    const [desk] = recordOutage({
      rng,
      library,
      workstations: [workstation],
      count: TRANSACTIONS,
      startMs: OUTAGE_START_MS,
      checkOutsOnly: true,
    });
    // A desk sends only what it recorded itself.
    await nameWorkstation({ session, name: workstation, deadline: Date.now() + 30_000 });
    return desk!.transactions;
  }

  async function upload(transactions: readonly OfflineTransaction[]) {
    const response = await fetch(`${server.url}/api/offline/transactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        [CSRF_HEADER]: session.csrfToken,
      },
      body: JSON.stringify({ transactions }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  async function storedCount(workstation: string): Promise<number> {
    const row = await database.db
      .selectFrom('offline_transactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workstation', '=', workstation)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function expectStoredOnceAfterRetry(transactions: readonly OfflineTransaction[]) {
    const retried = await upload(transactions);
    expect(retried.status).toBe(200);
    expect(OfflineUploadResult.parse(retried.body)).toMatchObject({
      received: transactions.length,
      stored: transactions.length,
      duplicates: 0,
    });
    const again = OfflineUploadResult.parse((await upload(transactions)).body);
    expect(again).toMatchObject({ stored: 0, duplicates: transactions.length });
    expect(await storedCount(transactions[0]!.workstation)).toBe(transactions.length);
    const pending = await database.db
      .selectFrom('offline_transactions')
      .select('id')
      .where('workstation', '=', transactions[0]!.workstation)
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
  }

  it('answers a clear "disk full" error, stores nothing, and stores all once the disk has room', async () => {
    const transactions = await outage('DISK-FULL-1');
    disk.fill();
    let failed: { status: number; body: unknown };
    try {
      failed = await upload(transactions);
      expect(await storedCount('DISK-FULL-1')).toBe(0);
    } finally {
      disk.free();
    }
    console.log(`[faults] full disk answered ${failed.status}: ${JSON.stringify(failed.body)}`);
    expect(failed.status).toBe(507);
    expect(ApiError.parse(failed.body).error).toMatchObject({
      code: 'DATABASE_FULL',
      message: expect.stringMatching(/disk is full, so nothing was saved/),
    });
    // The server is still up and still answers.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await expectStoredOnceAfterRetry(transactions);
  });

  it('answers a clear "read-only" error, stores nothing, and stores all once the disk is repaired', async () => {
    const transactions = await outage('DISK-RO-1');
    disk.failReadOnly();
    let failed: { status: number; body: unknown };
    try {
      failed = await upload(transactions);
      expect(await storedCount('DISK-RO-1')).toBe(0);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      // The administrator's fix: stop the server, check the file system, start again.
      await server.stop();
      await database.close();
      disk.repair();
      database = connectDatabase(`sqlite:${join(disk.dir, 'circa.sqlite')}`);
      await server.start();
    }
    console.log(
      `[faults] read-only disk answered ${failed.status}: ${JSON.stringify(failed.body)}`,
    );
    expect(failed.status).toBe(503);
    expect(ApiError.parse(failed.body).error).toMatchObject({
      code: 'DATABASE_WRITE_FAILED',
      message: expect.stringMatching(/read-only, so nothing was saved/),
    });
    expect(await storedCount('DISK-RO-1')).toBe(0);
    await expectStoredOnceAfterRetry(transactions);
  });
});

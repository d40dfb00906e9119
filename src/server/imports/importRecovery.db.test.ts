// Recovering imports whose worker is gone, and only those: on either engine an import left
// 'applying' or 'previewing' by a stopped server is recovered; on PostgreSQL, where several app
// servers share the database, one that another server is reading or storing right now is left
// alone until that server's session ends, and the sweep finds it then without any restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_LINE_ACTOR } from '../db/auditLog.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import {
  describeEachEngine,
  openTestDatabase,
  TEST_ENGINES,
  type TestDatabase,
} from '../testing/engines.ts';
import type { Kysely } from 'kysely';
import { claimImport } from './applyImport.ts';
import { createImport, DEFAULT_IMPORT_OPTIONS } from './importJobs.ts';
import {
  INTERRUPTED_APPLY_MESSAGE,
  INTERRUPTED_PREVIEW_MESSAGE,
  recoverInterruptedImports,
  startImportRecoverySweep,
} from './importRecovery.ts';
import { asImportWorker, tryLockImport, type ImportWorker } from './importWorkers.ts';
import {
  endSession,
  otherServersWorker,
  type OtherServersWorker,
} from './importWorkers.testing.ts';

const AT = Date.UTC(2026, 11, 7, 13, 0);
const WAIT_MS = 20_000;
const POLL_MS = 20;

/** A new import, 'previewing', with two staged rows, held by `worker` while it lives. */
async function startedImport(worker: ImportWorker) {
  const job = await createImport(worker, {
    kind: 'patrons-csv',
    filePath: '/nowhere/patrons.csv',
    fileName: 'patrons.csv',
    fileBytes: 100,
    options: DEFAULT_IMPORT_OPTIONS,
    actor: COMMAND_LINE_ACTOR,
    at: AT,
  });
  await worker
    .insertInto('import_rows')
    .values(
      ['21', '22'].map((barcode, n) => ({
        import_id: job.id,
        barcode,
        line: n + 2,
        action: 'create' as const,
        data: '{}',
      })),
    )
    .execute();
  return job;
}

/** As a finished preview leaves it, ready to be confirmed. */
async function finishPreview(db: Kysely<Database>, importId: number) {
  await db
    .updateTable('imports')
    .set({ status: 'previewed', rows_read: 2, create_count: 2 })
    .where('id', '=', importId)
    .execute();
}

async function statusOf(db: Kysely<Database>, importId: number) {
  return db
    .selectFrom('imports')
    .select(['status', 'message', 'finished_at'])
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
}

async function stagedRows(db: Kysely<Database>, importId: number) {
  const rows = await db
    .selectFrom('import_rows')
    .select('barcode')
    .where('import_id', '=', importId)
    .execute();
  return rows.length;
}

async function waitUntil(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}.`);
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

describeEachEngine('recovering imports a stopped server left', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('previews again one left storing and fails one left reading, and leaves the rest', async () => {
    const { db } = database;
    // Workers that stopped without finishing: their imports stay as they left them.
    const storing = await asImportWorker(db, startedImport);
    await finishPreview(db, storing.id);
    await asImportWorker(db, (worker) => claimImport(worker, storing.id));
    const reading = await asImportWorker(db, startedImport);
    const previewed = await asImportWorker(db, startedImport);
    await finishPreview(db, previewed.id);

    expect(await recoverInterruptedImports(db, AT + 1)).toEqual({
      applying: [storing.id],
      previewing: [reading.id],
    });
    expect(await statusOf(db, storing.id)).toEqual({
      status: 'previewed',
      message: INTERRUPTED_APPLY_MESSAGE,
      finished_at: null,
    });
    // Its staged rows are what confirming it again stores.
    expect(await stagedRows(db, storing.id)).toBe(2);
    expect(await statusOf(db, reading.id)).toEqual({
      status: 'failed',
      message: INTERRUPTED_PREVIEW_MESSAGE,
      finished_at: AT + 1,
    });
    expect(await stagedRows(db, reading.id)).toBe(0);
    expect(await statusOf(db, previewed.id)).toMatchObject({ status: 'previewed', message: null });
    expect(await stagedRows(db, previewed.id)).toBe(2);

    expect(await recoverInterruptedImports(db, AT + 2)).toEqual({ applying: [], previewing: [] });
  });
});

// SQLite runs one app server (docs/deployment-several-servers.md): there is no other server whose
// imports its recovery could take, so these run on PostgreSQL only.
describe.skipIf(!TEST_ENGINES.includes('postgres'))(
  'recovering imports while another app server works on others [postgres only: SQLite runs one server]',
  () => {
    let database: TestDatabase;
    /** The other app server's own pool on the same database. */
    let other: DatabaseHandle;
    /** The other server's workers, let go after each test, even a failed one, so its pool closes. */
    let workers: OtherServersWorker[];
    const liveWorker = async () => {
      const worker = await otherServersWorker(other.db);
      workers.push(worker);
      return worker;
    };
    beforeEach(async () => {
      database = await openTestDatabase('postgres');
      other = connectDatabase(database.url);
      workers = [];
    });
    afterEach(async () => {
      for (const worker of workers) worker.finish();
      await Promise.all(workers.map((worker) => worker.done.catch(() => undefined)));
      await other.close();
      await database.dispose();
    });

    it('leaves alone what a live server reads and stores, and recovers both once its session ends', async () => {
      const { db } = database;
      const live = await liveWorker();
      const reading = await startedImport(live.worker);
      const storing = await startedImport(live.worker);
      await finishPreview(live.worker, storing.id);
      await claimImport(live.worker, storing.id);

      // This server starting (or sweeping) while the other works.
      expect(await recoverInterruptedImports(db, AT)).toEqual({ applying: [], previewing: [] });
      expect((await statusOf(db, reading.id)).status).toBe('previewing');
      expect(await stagedRows(db, reading.id)).toBe(2);
      expect((await statusOf(db, storing.id)).status).toBe('applying');

      // The other server dies: PostgreSQL ends its session and releases what it held.
      await endSession(db, live.pid);
      live.finish();
      await live.done.catch(() => undefined);
      expect(await recoverInterruptedImports(db, AT)).toEqual({
        applying: [storing.id],
        previewing: [reading.id],
      });
      expect(await statusOf(db, storing.id)).toMatchObject({
        status: 'previewed',
        message: INTERRUPTED_APPLY_MESSAGE,
      });
      expect(await stagedRows(db, reading.id)).toBe(0);
    });

    it('lets go when its work ends, so a finished worker never keeps an import from recovery', async () => {
      const { db } = database;
      const live = await liveWorker();
      const reading = await startedImport(live.worker);
      expect(await recoverInterruptedImports(db, AT)).toEqual({ applying: [], previewing: [] });
      // Ends without finishing the preview (as a bug might): the lock goes with the worker.
      live.finish();
      await live.done;
      expect(await recoverInterruptedImports(db, AT)).toEqual({
        applying: [],
        previewing: [reading.id],
      });
    });

    it('refuses to confirm an import another server holds, saying to look again', async () => {
      const { db } = database;
      const job = await asImportWorker(db, startedImport);
      await finishPreview(db, job.id);
      const live = await liveWorker();
      expect(await tryLockImport(live.worker, job.id)).toBe(true);
      await expect(asImportWorker(db, (worker) => claimImport(worker, job.id))).rejects.toThrow(
        `Import ${job.id} cannot be confirmed. Another app server is working on it right now: look at it again in a moment, then confirm.`,
      );
      expect((await statusOf(db, job.id)).status).toBe('previewed');
      live.finish();
      await live.done;
      await asImportWorker(db, (worker) => claimImport(worker, job.id));
      expect((await statusOf(db, job.id)).status).toBe('applying');
    });

    it('sweeps: finds an import whose server died, with no server starting', async () => {
      const { db } = database;
      const live = await liveWorker();
      const storing = await startedImport(live.worker);
      await finishPreview(live.worker, storing.id);
      await claimImport(live.worker, storing.id);
      const logged: object[] = [];
      const sweep = startImportRecoverySweep({
        db,
        now: () => AT,
        log: { info: (details) => logged.push(details), error: (details) => logged.push(details) },
        sweepMs: 10,
      });
      try {
        await waitUntil('two sweeps', async () => sweep.passes() >= 2);
        expect((await statusOf(db, storing.id)).status).toBe('applying');
        expect(logged).toEqual([]);

        await endSession(db, live.pid);
        live.finish();
        await live.done.catch(() => undefined);
        await waitUntil(
          'the sweep to recover the import',
          async () => (await statusOf(db, storing.id)).status !== 'applying',
        );
        expect(await statusOf(db, storing.id)).toMatchObject({
          status: 'previewed',
          message: INTERRUPTED_APPLY_MESSAGE,
        });
        expect(logged).toEqual([{ recovered: { applying: [storing.id], previewing: [] } }]);
      } finally {
        sweep.stop();
      }
    });
  },
);

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
  type OfflineLibrary,
} from './fixtures.testing.ts';
import { receiveOfflineUpload, STORE_CHUNK_ROWS } from './receive.ts';

describeEachEngine('receiveOfflineUpload', (engine) => {
  let test: TestDatabase;
  let library: OfflineLibrary;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
    library = await buildOfflineLibrary(test.db);
  });
  afterAll(() => test.dispose());

  const desk = (name: string, clockOffsetMs = 0) =>
    offlineWorkstation({
      name,
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
      clockOffsetMs,
    });

  const countStored = async (ids: string[]) =>
    (
      await test.db
        .selectFrom('offline_transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'in', ids)
        .executeTakeFirstOrThrow()
    ).n;

  it('stores each transaction once, however often the same upload arrives', async () => {
    const ws = desk('RECV-1');
    const transactions = [1, 2, 3].map((i) =>
      ws.checkOut({
        patronBarcode: `P${i}`,
        itemBarcode: `I${i}`,
        occurredAt: OUTAGE_START_MS + i,
      }),
    );
    const actor = { user: { id: library.staff.id }, workstation: { name: 'RECV-1' } };
    const first = await receiveOfflineUpload({
      db: test.db,
      actor,
      source: 'client',
      transactions,
      now: OUTAGE_START_MS,
    });
    expect(first).toMatchObject({ received: 3, stored: 3, duplicates: 0, sequenceConflicts: [] });

    // A retry after a lost response, plus one more recorded since, in another order.
    const later = ws.checkOut({
      patronBarcode: 'P4',
      itemBarcode: 'I4',
      occurredAt: OUTAGE_START_MS + 4,
    });
    const second = await receiveOfflineUpload({
      db: test.db,
      actor,
      source: 'file',
      fileName: 'RECV-1.circa-offline.jsonl',
      transactions: [later, ...transactions.toReversed(), transactions[0]!],
      now: OUTAGE_START_MS + 1000,
    });
    expect(second).toMatchObject({ received: 5, stored: 1, duplicates: 4 });
    expect(second.uploadId).not.toBe(first.uploadId);
    expect(Number(await countStored([...transactions, later].map((t) => t.id)))).toBe(4);

    const rows = await test.db
      .selectFrom('offline_transactions')
      .select(['id', 'upload_id', 'status', 'corrected_at', 'occurred_day', 'payload'])
      .where('workstation', '=', 'RECV-1')
      .orderBy('sequence')
      .execute();
    // Each row belongs to the upload that brought it first, and keeps everything recorded.
    expect(rows.map((r) => r.upload_id)).toEqual([
      first.uploadId,
      first.uploadId,
      first.uploadId,
      second.uploadId,
    ]);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    expect(JSON.parse(rows[0]!.payload)).toEqual(transactions[0]);
    expect(rows[0]!.occurred_day).toBe('2026-03-02');

    const uploads = await test.db
      .selectFrom('offline_uploads')
      .selectAll()
      .where('id', 'in', [first.uploadId, second.uploadId])
      .orderBy('id')
      .execute();
    expect(
      uploads.map((u) => [u.source, u.transaction_count, u.new_count, u.duplicate_count]),
    ).toEqual([
      ['client', 3, 3, 0],
      ['file', 5, 1, 4],
    ]);
    expect(uploads[1]!.file_name).toBe('RECV-1.circa-offline.jsonl');
  });

  it('stores the corrected time and the day in the branch time zone', async () => {
    const ws = desk('RECV-SKEW', 90_000);
    const t = ws.checkOut({
      patronBarcode: 'P',
      itemBarcode: 'I',
      occurredAt: Date.UTC(2026, 2, 2, 23, 59),
    });
    await receiveOfflineUpload({
      db: test.db,
      actor: { user: { id: library.staff.id } },
      source: 'client',
      transactions: [t],
      now: OUTAGE_START_MS,
    });
    const row = await test.db
      .selectFrom('offline_transactions')
      .select(['corrected_at', 'occurred_day', 'clock_offset_ms'])
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    // 23:59 on the workstation's slow clock was 00:00:30 the next day by the server's.
    expect(Number(row.corrected_at)).toBe(Date.UTC(2026, 2, 3, 0, 0, 30));
    expect(row.occurred_day).toBe('2026-03-03');
  });

  it('keeps a second transaction that reuses a sequence number, and reports the conflict', async () => {
    const a = desk('RECV-TWIN');
    const b = desk('RECV-TWIN');
    const first = a.checkOut({
      patronBarcode: 'P1',
      itemBarcode: 'I1',
      occurredAt: OUTAGE_START_MS,
    });
    const twin = b.checkOut({
      patronBarcode: 'P2',
      itemBarcode: 'I2',
      occurredAt: OUTAGE_START_MS,
    });
    const actor = { user: { id: library.staff.id } };
    await receiveOfflineUpload({
      db: test.db,
      actor,
      source: 'client',
      transactions: [first],
      now: 1,
    });
    const result = await receiveOfflineUpload({
      db: test.db,
      actor,
      source: 'client',
      transactions: [twin],
      now: 2,
    });
    expect(result.stored).toBe(1);
    expect(result.sequenceConflicts).toEqual([
      { workstation: 'RECV-TWIN', sequence: 1, transactionIds: [first.id, twin.id].toSorted() },
    ]);
  });

  it('stores awkward text exactly as recorded', async () => {
    const ws = desk('RECV-TEXT');
    const t = ws.checkOut({
      patronBarcode: 'NULL',
      itemBarcode: 'a\\b{c},"d"\n😀 ',
      occurredAt: OUTAGE_START_MS,
    });
    await receiveOfflineUpload({
      db: test.db,
      actor: { user: { id: library.staff.id } },
      source: 'client',
      transactions: [t],
      now: OUTAGE_START_MS,
    });
    const row = await test.db
      .selectFrom('offline_transactions')
      .select(['patron_barcode', 'item_barcode', 'payload'])
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(row.patron_barcode).toBe('NULL');
    expect(row.item_barcode).toBe('a\\b{c},"d"\n😀 ');
    expect(JSON.parse(row.payload)).toEqual(t);
  });

  it('stores a large upload in batches within the bound-parameter limits', async () => {
    const ws = desk('RECV-BIG');
    const transactions = Array.from({ length: 12_000 }, (_, i) =>
      ws.checkOut({
        patronBarcode: `P${i}`,
        itemBarcode: `I${i}`,
        occurredAt: OUTAGE_START_MS + i,
      }),
    );
    const result = await receiveOfflineUpload({
      db: test.db,
      actor: { user: { id: library.staff.id } },
      source: 'client',
      transactions,
      now: OUTAGE_START_MS,
    });
    expect(result).toMatchObject({ received: 12_000, stored: 12_000, duplicates: 0 });
  });

  /** Makes storing the transaction with this id fail, as a crash at that row would. */
  const failStoring = async (id: string) => {
    if (engine === 'sqlite') {
      await sql`create trigger fail_storing before insert on offline_transactions
        when new.id = ${sql.lit(id)} begin select raise(abort, 'simulated crash'); end`.execute(
        test.db,
      );
      return async () => void (await sql`drop trigger fail_storing`.execute(test.db));
    }
    await sql`create function fail_storing() returns trigger language plpgsql as $$
      begin
        if new.id = ${sql.lit(id)} then raise exception 'simulated crash'; end if;
        return new;
      end $$`.execute(test.db);
    await sql`create trigger fail_storing before insert on offline_transactions
      for each row execute function fail_storing()`.execute(test.db);
    return async () => {
      await sql`drop trigger fail_storing on offline_transactions`.execute(test.db);
      await sql`drop function fail_storing()`.execute(test.db);
    };
  };

  const uploadRow = (uploadId: number) =>
    test.db
      .selectFrom('offline_uploads')
      .select(['transaction_count', 'new_count', 'duplicate_count'])
      .where('id', '=', uploadId)
      .executeTakeFirstOrThrow();

  /** `count` check-outs from workstation `name`, and a send of them all as one upload. */
  const largeUpload = (name: string, count: number) => {
    const ws = desk(name);
    const transactions = Array.from({ length: count }, (_, i) =>
      ws.checkOut({
        patronBarcode: `P${i}`,
        itemBarcode: `I${i}`,
        occurredAt: OUTAGE_START_MS + i,
      }),
    );
    const send = () =>
      receiveOfflineUpload({
        db: test.db,
        actor: { user: { id: library.staff.id }, workstation: { name } },
        source: 'client',
        transactions,
        now: OUTAGE_START_MS,
      });
    // Chunks follow id order.
    return { transactions, byId: transactions.map((t) => t.id).toSorted(), send };
  };

  it('answers only after the last chunk is stored; a failure midway keeps whole chunks, counted', async () => {
    const { transactions, byId, send } = largeUpload('RECV-CHUNKS', STORE_CHUNK_ROWS * 2 + 100);
    // Fail the first row of the third chunk.
    const stopStoring = await failStoring(byId[STORE_CHUNK_ROWS * 2]!);
    try {
      await expect(send()).rejects.toThrow(/simulated crash/);
    } finally {
      await stopStoring();
    }
    expect(Number(await countStored(byId))).toBe(STORE_CHUNK_ROWS * 2);
    const failed = await test.db
      .selectFrom('offline_uploads')
      .select('id')
      .where('workstation', '=', 'RECV-CHUNKS')
      .executeTakeFirstOrThrow();
    // The upload row counts what its committed chunks stored, nothing more.
    expect(await uploadRow(failed.id)).toEqual({
      transaction_count: transactions.length,
      new_count: STORE_CHUNK_ROWS * 2,
      duplicate_count: 0,
    });

    // The sender was never told, so it sends again: the rest is stored, the first chunks ignored.
    const again = await send();
    expect(again).toMatchObject({
      received: transactions.length,
      stored: 100,
      duplicates: STORE_CHUNK_ROWS * 2,
      sequenceConflicts: [],
    });
    expect(Number(await countStored(byId))).toBe(transactions.length);
    expect(await uploadRow(again.uploadId)).toEqual({
      transaction_count: transactions.length,
      new_count: 100,
      duplicate_count: STORE_CHUNK_ROWS * 2,
    });
  });

  it('says how many were stored when the disk fills part-way, and stores the rest when sent again', async () => {
    const { transactions, byId, send } = largeUpload('RECV-DISK-FULL', STORE_CHUNK_ROWS * 6);
    const fillDisk = await diskFillsAfterTwoChunks(byId[STORE_CHUNK_ROWS * 2]!);
    let failure: unknown;
    try {
      failure = await send().then(
        () => null,
        (error: unknown) => error,
      );
    } finally {
      await fillDisk.free();
    }
    const stored = Number(await countStored(byId));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(transactions.length);
    expect(failure).toMatchObject({
      code: 'DATABASE_FULL',
      status: 507,
      message: expect.stringContaining(
        `${stored} of ${transactions.length} transactions were stored before it stopped; the rest were not.`,
      ),
      details: { storedBeforeFault: stored, transactionCount: transactions.length },
    });

    const again = await send();
    expect(again).toMatchObject({ stored: transactions.length - stored, duplicates: stored });
    expect(Number(await countStored(byId))).toBe(transactions.length);
  });

  /**
   * A database that fills up after two chunks. SQLite: a page limit a little over what two chunks
   * take, measured on this database (SQLITE_FULL, as a full disk answers); PostgreSQL: the third
   * chunk's first row raises disk_full (53100).
   */
  const diskFillsAfterTwoChunks = async (thirdChunkFirstId: string) => {
    if (engine === 'sqlite') {
      const pages = async () =>
        Number(
          (await sql<{ page_count: number }>`pragma page_count`.execute(test.db)).rows[0]!
            .page_count,
        );
      // What one chunk of these rows takes, measured with a chunk of the same shape.
      const before = await pages();
      await largeUpload('RECV-DISK-PROBE', STORE_CHUNK_ROWS).send();
      const perChunk = Math.max(1, (await pages()) - before);
      await sql
        .raw(`pragma max_page_count = ${(await pages()) + Math.ceil(perChunk * 2.5)}`)
        .execute(test.db);
      return {
        free: async () => void (await sql`pragma max_page_count = 1073741823`.execute(test.db)),
      };
    }
    await sql`create function fill_disk() returns trigger language plpgsql as $$
      begin
        if new.id = ${sql.lit(thirdChunkFirstId)} then
          raise exception 'could not extend file: No space left on device' using errcode = '53100';
        end if;
        return new;
      end $$`.execute(test.db);
    await sql`create trigger fill_disk before insert on offline_transactions
      for each row execute function fill_disk()`.execute(test.db);
    return {
      free: async () => {
        await sql`drop trigger fill_disk on offline_transactions`.execute(test.db);
        await sql`drop function fill_disk()`.execute(test.db);
      },
    };
  };

  describe('concurrent uploads of the same file', () => {
    it('store every transaction exactly once', async () => {
      // On PostgreSQL a second connection pool, so the uploads really run at the same time. A
      // SQLite server has one connection, which Kysely shares between concurrent requests.
      const other =
        engine === 'postgres'
          ? connectDatabase(test.url)
          : { db: test.db, close: async () => undefined };
      try {
        const ws = desk('RECV-RACE');
        const transactions = Array.from({ length: 500 }, (_, i) =>
          ws.checkOut({
            patronBarcode: `P${i}`,
            itemBarcode: `I${i}`,
            occurredAt: OUTAGE_START_MS + i,
          }),
        );
        const actor = { user: { id: library.staff.id } };
        const results = await Promise.all(
          [test.db, other.db, test.db, other.db].map((db, i) =>
            receiveOfflineUpload({
              db,
              actor,
              source: 'file',
              // Each sender's copy in its own order.
              transactions: i % 2 === 0 ? transactions : transactions.toReversed(),
              now: OUTAGE_START_MS,
            }),
          ),
        );
        expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(500);
        expect(results.every((r) => r.stored + r.duplicates === 500)).toBe(true);
        expect(Number(await countStored(transactions.map((t) => t.id)))).toBe(500);
      } finally {
        await other.close();
      }
    });
  });
});

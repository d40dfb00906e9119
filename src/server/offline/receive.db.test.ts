import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
  type OfflineLibrary,
} from './fixtures.testing.ts';
import { receiveOfflineUpload } from './receive.ts';

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

  describe('concurrent uploads of the same file', () => {
    it('store every transaction exactly once', async () => {
      // On PostgreSQL a second connection pool, so the uploads really run at the same time. A
      // SQLite server has one connection, which Kysely shares between concurrent requests.
      const other =
        engine === 'postgres'
          ? connectDatabase(test.url, test.searchPath ? { searchPath: test.searchPath } : {})
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

import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { connectDatabase } from '../db/connect.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildWorkstation } from '../testing/factories.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
  type OfflineLibrary,
} from './fixtures.testing.ts';
import { MIN_BUSY_BATCH_SIZE } from './batchSizing.ts';
import { processPendingOfflineTransactions } from './process.ts';
import { receiveOfflineUpload } from './receive.ts';

const MINUTE_MS = 60_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;

describeEachEngine('processPendingOfflineTransactions', (engine) => {
  let test: TestDatabase;
  let library: OfflineLibrary;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
    library = await buildOfflineLibrary(test.db);
  });
  afterEach(() => test.dispose());

  const desk = (name: string, clockOffsetMs = 0) =>
    offlineWorkstation({
      name,
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
      clockOffsetMs,
    });

  const upload = (transactions: OfflineTransaction[]) =>
    receiveOfflineUpload({
      db: test.db,
      actor: { user: { id: library.staff.id } },
      source: 'client',
      transactions,
      now: at(600),
    });

  const processAll = (batchSize?: number) =>
    processPendingOfflineTransactions({
      db: test.db,
      now: () => at(601),
      ...(batchSize ? { batchSize } : {}),
    });

  const outcomeOf = (id: string) =>
    test.db
      .selectFrom('offline_transactions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const loansOf = (itemId: number) =>
    test.db.selectFrom('loans').selectAll().where('item_id', '=', itemId).orderBy('id').execute();

  it('keeps batches short while desks lend and full when none does, processing everything once', async () => {
    const patron = await library.patron();
    const checkOuts = async (name: string, count: number, from: number) => {
      const ws = desk(name);
      const transactions: OfflineTransaction[] = [];
      for (let i = 0; i < count; i++) {
        const item = await library.item();
        transactions.push(
          ws.checkOut({
            patronBarcode: patron.barcode,
            itemBarcode: item.barcode,
            occurredAt: at(from + i),
          }),
        );
      }
      await upload(transactions);
    };
    const count = MIN_BUSY_BATCH_SIZE + 10;
    await checkOuts('DESK-BUSY', count, 1);
    const busy = await processPendingOfflineTransactions({
      db: test.db,
      now: () => at(601),
      desksBusy: () => true,
    });
    // The first batch, unmeasured, is the smallest; the rest follow.
    expect(busy.processed).toBe(count);
    expect(busy.batches).toBeGreaterThan(1);

    await checkOuts('DESK-IDLE', count, 100);
    const idle = await processPendingOfflineTransactions({
      db: test.db,
      now: () => at(601),
      desksBusy: () => false,
    });
    expect(idle).toMatchObject({ processed: count, batches: 1 });
    const loans = await test.db
      .selectFrom('loans')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(loans.n)).toBe(count * 2);
  });

  it('makes a loan with the due date the patron was told, at the corrected time', async () => {
    const station = await buildWorkstation(test.db, {
      name: 'DESK-1',
      branch_id: library.branch.id,
    });
    const patron = await library.patron();
    const item = await library.item();
    const t = desk('DESK-1', 5_000).checkOut({
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      occurredAt: at(1),
      dueAt: Date.UTC(2026, 2, 30, 23, 59),
      dueDateBasis: { kind: 'special_loan', date: '2026-03-30' },
    });
    await upload([t]);
    const run = await processAll();
    expect(run).toMatchObject({ processed: 1, applied: 1, batches: 1 });

    const [loan] = await loansOf(item.id);
    expect(loan).toMatchObject({
      patron_id: patron.id,
      checked_out_at: at(1) + 5_000,
      due_at: Date.UTC(2026, 2, 30, 23, 59),
      returned_at: null,
      branch_id: library.branch.id,
      staff_user_id: library.staff.id,
      workstation_id: station.id,
      source: 'offline',
    });
    const row = await outcomeOf(t.id);
    expect(row).toMatchObject({
      status: 'applied',
      outcome: null,
      loan_id: loan!.id,
      processed_at: at(601),
      arrived_late: 0,
    });
    expect(JSON.parse(row.codes!)).toEqual([]);
    const updated = await test.db
      .selectFrom('items')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(updated.status).toBe('on_loan');
  });

  it('applies transactions from all workstations in corrected time order', async () => {
    const first = await library.patron();
    const second = await library.patron();
    const item = await library.item();
    // DESK-SLOW's clock is two minutes behind the server: its 10:01 was really 10:03.
    const slow = desk('DESK-SLOW', 2 * MINUTE_MS).checkOut({
      patronBarcode: second.barcode,
      itemBarcode: item.barcode,
      occurredAt: at(1),
    });
    const onTime = desk('DESK-OK').checkOut({
      patronBarcode: first.barcode,
      itemBarcode: item.barcode,
      occurredAt: at(2),
    });
    await upload([slow]);
    await upload([onTime]);
    await processAll();

    const loans = await loansOf(item.id);
    expect(loans.map((l) => [l.patron_id, l.checked_out_at, l.returned_at])).toEqual([
      [first.id, at(2), at(3)],
      [second.id, at(3), null],
    ]);
    const row = await outcomeOf(slow.id);
    expect(row).toMatchObject({
      status: 'applied_with_warning',
      outcome: 'CHECKED_IN_FROM_OTHER_PATRON',
      previous_patron_barcode: first.barcode,
    });
    expect(row.message).toContain(first.barcode);
  });

  it('checks in another patron’s online loan at the offline time, and says who had it', async () => {
    const holder = await library.patron();
    const borrower = await library.patron();
    const item = await library.item({ status: 'on_loan' });
    const online = await test.db
      .insertInto('loans')
      .values({
        item_id: item.id,
        patron_id: holder.id,
        checked_out_at: at(-600),
        due_at: at(20_000),
        returned_at: null,
        branch_id: library.branch.id,
        staff_user_id: null,
        workstation_id: null,
        source: 'online',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const t = desk('DESK-1').checkOut({
      patronBarcode: borrower.barcode,
      itemBarcode: item.barcode,
      occurredAt: at(5),
    });
    await upload([t]);
    await processAll();

    const loans = await loansOf(item.id);
    expect(loans.map((l) => [l.id === online.id, l.patron_id, l.returned_at])).toEqual([
      [true, holder.id, at(5)],
      [false, borrower.id, null],
    ]);
    const row = await outcomeOf(t.id);
    expect(row.status).toBe('applied_with_warning');
    expect(row.previous_patron_barcode).toBe(holder.barcode);
    expect(row.message).toContain(`patron ${holder.barcode}`);
  });

  it('keeps the loan of the same patron and notes it', async () => {
    const patron = await library.patron();
    const item = await library.item();
    const ws = desk('DESK-1');
    const scans = [
      ws.checkOut({ patronBarcode: patron.barcode, itemBarcode: item.barcode, occurredAt: at(1) }),
      ws.checkOut({ patronBarcode: patron.barcode, itemBarcode: item.barcode, occurredAt: at(2) }),
    ];
    await upload(scans);
    const run = await processAll();
    expect(run).toMatchObject({ applied: 1, noted: 1 });
    expect(await loansOf(item.id)).toHaveLength(1);
    expect(await outcomeOf(scans[1]!.id)).toMatchObject({
      status: 'noted',
      outcome: 'ALREADY_ON_LOAN_TO_PATRON',
    });
  });

  it('lends to expired and blocked patrons and lost items, with a warning', async () => {
    const expired = await library.patron({ expires_on: '2026-03-01' });
    const blocked = await library.patron({ block_reason: 'Unpaid fees' });
    const good = await library.patron();
    const items = [
      await library.item(),
      await library.item(),
      await library.item({ status: 'lost' }),
    ];
    const ws = desk('DESK-1');
    const scans = [
      ws.checkOut({
        patronBarcode: expired.barcode,
        itemBarcode: items[0]!.barcode,
        occurredAt: at(1),
      }),
      ws.checkOut({
        patronBarcode: blocked.barcode,
        itemBarcode: items[1]!.barcode,
        occurredAt: at(2),
      }),
      ws.checkOut({
        patronBarcode: good.barcode,
        itemBarcode: items[2]!.barcode,
        occurredAt: at(3),
      }),
    ];
    await upload(scans);
    const run = await processAll();
    expect(run).toMatchObject({ appliedWithWarning: 3 });
    const outcomes = await Promise.all(scans.map((s) => outcomeOf(s.id)));
    expect(outcomes.map((o) => [o.status, o.outcome])).toEqual([
      ['applied_with_warning', 'PATRON_EXPIRED'],
      ['applied_with_warning', 'PATRON_BLOCKED'],
      ['applied_with_warning', 'ITEM_STATUS_LOST'],
    ]);
    for (const item of items) expect(await loansOf(item.id)).toHaveLength(1);
  });

  it('keeps unknown barcodes as exceptions, warns of check-ins of items not on loan, notes payments', async () => {
    const patron = await library.patron();
    const item = await library.item();
    const ws = desk('DESK-1');
    const scans = [
      ws.checkOut({
        patronBarcode: 'NO-SUCH-PATRON',
        itemBarcode: item.barcode,
        occurredAt: at(1),
      }),
      ws.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: 'NO-SUCH-ITEM',
        occurredAt: at(2),
      }),
      ws.checkIn({ itemBarcode: item.barcode, occurredAt: at(3) }),
      ws.payment({ patronBarcode: patron.barcode, amount: '2.50', occurredAt: at(4) }),
    ];
    await upload(scans);
    const run = await processAll();
    expect(run).toMatchObject({ exceptions: 2, appliedWithWarning: 1, noted: 1, processed: 4 });
    const outcomes = await Promise.all(scans.map((s) => outcomeOf(s.id)));
    expect(outcomes.map((o) => [o.status, o.outcome])).toEqual([
      ['exception', 'UNKNOWN_PATRON'],
      ['exception', 'UNKNOWN_ITEM'],
      ['applied_with_warning', 'ITEM_NOT_ON_LOAN'],
      ['noted', 'PAYMENT_NOT_SUPPORTED'],
    ]);
    expect(await loansOf(item.id)).toHaveLength(0);
  });

  it('checks in an item lent and returned within the same batch', async () => {
    const [a, b] = [await library.patron(), await library.patron()];
    const item = await library.item();
    const ws = desk('DESK-1');
    const scans = [
      ws.checkOut({ patronBarcode: a.barcode, itemBarcode: item.barcode, occurredAt: at(1) }),
      ws.checkOut({ patronBarcode: b.barcode, itemBarcode: item.barcode, occurredAt: at(2) }),
      ws.checkIn({ itemBarcode: item.barcode, occurredAt: at(3) }),
    ];
    await upload(scans);
    await processAll();
    const loans = await loansOf(item.id);
    expect(loans.map((l) => [l.patron_id, l.returned_at])).toEqual([
      [a.id, at(2)],
      [b.id, at(3)],
    ]);
    const row = await test.db
      .selectFrom('items')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('available');
  });

  it('notes a transaction that arrived after later ones were applied, and still applies it', async () => {
    const [a, b] = [await library.patron(), await library.patron()];
    const [early, later] = [await library.item(), await library.item()];
    const leftBehind = desk('DESK-LEFT').checkOut({
      patronBarcode: a.barcode,
      itemBarcode: early.barcode,
      occurredAt: at(1),
    });
    const sentFirst = desk('DESK-SENT').checkOut({
      patronBarcode: b.barcode,
      itemBarcode: later.barcode,
      occurredAt: at(30),
    });
    await upload([sentFirst]);
    await processAll();
    await upload([leftBehind]);
    const run = await processAll();
    expect(run).toMatchObject({ processed: 1, applied: 1, arrivedLate: 1 });
    const row = await outcomeOf(leftBehind.id);
    expect(row).toMatchObject({ status: 'applied', arrived_late: 1 });
    expect(row.message).toMatch(/after transactions that happened later/);
    expect(await loansOf(early.id)).toHaveLength(1);
  });

  it('commits nothing of a batch that fails part-way, and applies all of it exactly once on rerun', async () => {
    const patrons = [await library.patron(), await library.patron()];
    const items = await Promise.all([1, 2, 3, 4, 5, 6].map(() => library.item()));
    const ws = desk('DESK-1');
    const scans = items.flatMap((item, i) => [
      ws.checkOut({
        patronBarcode: patrons[0]!.barcode,
        itemBarcode: item.barcode,
        occurredAt: at(i * 10),
      }),
      ws.checkOut({
        patronBarcode: patrons[1]!.barcode,
        itemBarcode: item.barcode,
        occurredAt: at(i * 10 + 1),
      }),
    ]);
    await upload(scans);

    const crash = new Error('simulated crash');
    await expect(
      processPendingOfflineTransactions({
        db: test.db,
        now: () => at(601),
        batchSize: 5,
        hooks: {
          afterStaging(_id, index) {
            if (index === 3) throw crash;
          },
        },
      }),
    ).rejects.toBe(crash);
    let pending = await test.db.selectFrom('offline_transactions').select('status').execute();
    expect(pending.every((r) => r.status === 'pending')).toBe(true);
    expect(await test.db.selectFrom('loans').selectAll().execute()).toHaveLength(0);

    // A crash after every write of the second batch, just before its commit.
    let batches = 0;
    await expect(
      processPendingOfflineTransactions({
        db: test.db,
        now: () => at(601),
        batchSize: 5,
        hooks: {
          beforeCommit() {
            batches += 1;
            if (batches === 2) throw crash;
          },
        },
      }),
    ).rejects.toBe(crash);
    pending = await test.db.selectFrom('offline_transactions').select('status').execute();
    expect(pending.filter((r) => r.status === 'pending')).toHaveLength(scans.length - 5);
    expect(await test.db.selectFrom('loans').selectAll().execute()).toHaveLength(5);

    const run = await processAll(5);
    expect(run.processed).toBe(scans.length - 5);
    const loans = await test.db.selectFrom('loans').selectAll().orderBy('id').execute();
    expect(loans).toHaveLength(scans.length);
    for (const item of items) {
      const mine = loans.filter((l) => l.item_id === item.id);
      expect(mine.map((l) => l.patron_id)).toEqual([patrons[0]!.id, patrons[1]!.id]);
      expect(mine[1]!.returned_at).toBeNull();
    }
    const again = await processAll(5);
    expect(again.processed).toBe(0);
  });

  it('gives the same result whatever the batch size', async () => {
    const patrons = await Promise.all([1, 2, 3].map(() => library.patron()));
    const items = await Promise.all([1, 2, 3, 4].map(() => library.item()));
    const desks = [desk('DESK-A', 1_000), desk('DESK-B', -1_000), desk('DESK-C')];
    const scans: OfflineTransaction[] = [];
    for (let i = 0; i < 60; i++) {
      const ws = desks[i % 3]!;
      const item = items[(i * 7) % 4]!;
      scans.push(
        i % 5 === 4
          ? ws.checkIn({ itemBarcode: item.barcode, occurredAt: at(i) })
          : ws.checkOut({
              patronBarcode: patrons[i % 3]!.barcode,
              itemBarcode: item.barcode,
              occurredAt: at(i),
            }),
      );
    }
    await upload(scans);
    await processAll(7);
    const byBatches = await snapshot(test);

    const other = await openTestDatabase(engine);
    try {
      const same = await buildOfflineLibraryLike(other, library);
      await receiveOfflineUpload({
        db: other.db,
        actor: { user: { id: same.staffId } },
        source: 'client',
        transactions: scans,
        now: at(600),
      });
      await processPendingOfflineTransactions({
        db: other.db,
        now: () => at(601),
        batchSize: 1_000,
      });
      expect(await snapshot(other)).toEqual(byBatches);
    } finally {
      await other.dispose();
    }
  });

  it('applies each transaction exactly once, in time order, when two processors run at once', async () => {
    const patrons = await Promise.all([1, 2, 3, 4].map(() => library.patron()));
    const items = await Promise.all([1, 2, 3, 4, 5].map(() => library.item()));
    const desks = [desk('DESK-A'), desk('DESK-B')];
    const scans: OfflineTransaction[] = [];
    for (let i = 0; i < 400; i++) {
      scans.push(
        desks[i % 2]!.checkOut({
          patronBarcode: patrons[i % 4]!.barcode,
          itemBarcode: items[i % 5]!.barcode,
          occurredAt: at(i),
        }),
      );
    }
    await upload(scans);
    // PostgreSQL: a second pool, as a second app server would have. SQLite: one server, one
    // connection, so two runs started together share it.
    const second =
      engine === 'postgres'
        ? connectDatabase(test.url)
        : { db: test.db, close: async () => undefined };
    try {
      const runs = await Promise.all(
        [test.db, second.db].map((db) =>
          processPendingOfflineTransactions({ db, now: () => at(601), batchSize: 25 }),
        ),
      );
      expect(runs[0]!.processed + runs[1]!.processed).toBe(400);
    } finally {
      await second.close();
    }
    const loans = await test.db.selectFrom('loans').selectAll().execute();
    expect(loans).toHaveLength(400);
    const rows = await test.db
      .selectFrom('offline_transactions')
      .select(['status', 'outcome'])
      .execute();
    // Out of order, a later loan would already exist when an earlier scan is applied.
    expect(rows.filter((r) => r.outcome === 'LENT_AGAIN_LATER')).toHaveLength(0);
    expect(rows.every((r) => r.status === 'applied' || r.status === 'applied_with_warning')).toBe(
      true,
    );
    for (const item of items) {
      expect(loans.filter((l) => l.item_id === item.id && l.returned_at === null)).toHaveLength(1);
    }
  });
});

/** Every loan and outcome, by barcode and time, to compare two databases. */
async function snapshot(test: TestDatabase) {
  const loans = await test.db
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .innerJoin('patrons', 'patrons.id', 'loans.patron_id')
    .select(['items.barcode as item', 'patrons.barcode as patron', 'checked_out_at', 'returned_at'])
    .orderBy('checked_out_at')
    .orderBy('items.barcode')
    .execute();
  const outcomes = await test.db
    .selectFrom('offline_transactions')
    .select(['id', 'status', 'outcome', 'message'])
    .orderBy('id')
    .execute();
  return { loans, outcomes };
}

/** The same branch, staff, patrons and items (by barcode) in another database. */
async function buildOfflineLibraryLike(target: TestDatabase, source: OfflineLibrary) {
  const copy = await buildOfflineLibrary(target.db);
  await target.db
    .updateTable('branches')
    .set({ code: source.branch.code })
    .where('id', '=', copy.branch.id)
    .execute();
  await target.db
    .updateTable('staff_users')
    .set({ username: source.staff.username })
    .where('id', '=', copy.staff.id)
    .execute();
  const patrons = await source.db.selectFrom('patrons').selectAll().execute();
  for (const p of patrons) await copy.patron({ barcode: p.barcode, expires_on: p.expires_on });
  const items = await source.db.selectFrom('items').selectAll().execute();
  for (const i of items) await copy.item({ barcode: i.barcode });
  return { staffId: copy.staff.id };
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkIn } from '../commands/checkIn.ts';
import { MONDAY_NOON_CHICAGO_MS } from '../commands/circulationFixture.testing.ts';
import { buildHoldsDesk, type HoldsDesk } from '../commands/holds/holdsDesk.testing.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildHold, titleOf } from '../testing/factories.ts';
import { buildOfflineLibrary, offlineWorkstation, OUTAGE_START_MS } from './fixtures.testing.ts';
import { settleHoldsOfLentItems } from './offlineHolds.ts';
import { processPendingOfflineTransactions } from './process.ts';
import { receiveOfflineUpload } from './receive.ts';

const at = MONDAY_NOON_CHICAGO_MS;

describeEachEngine('offline check-outs and holds', (engine) => {
  let database: TestDatabase;
  let desk: HoldsDesk;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    desk = await buildHoldsDesk(database.db);
  });
  afterAll(() => database.dispose());

  /** Traps a hold for `patronId` on a new copy (on the shelf at MAIN, or in transit to EAST). */
  async function trappedCopy(patronId: number, pickupBranchId: number) {
    const { titleId, items } = await desk.copies(1, desk.main);
    await desk.lend(items[0]!.barcode);
    const holdId = await desk.placeHold({ patronId, titleId, pickupBranchId });
    await checkIn({
      db: database.db,
      actor: await desk.actorAt(desk.main),
      itemBarcode: items[0]!.barcode,
      at,
    });
    return { item: items[0]!, holdId };
  }

  /** What processing writes for an offline check-out: the loan, the item on loan. */
  async function lendOffline(itemId: number, patronId: number): Promise<number> {
    const { id } = await database.db
      .insertInto('loans')
      .values({
        item_id: itemId,
        patron_id: patronId,
        checked_out_at: at,
        due_at: at + 14 * 86_400_000,
        returned_at: null,
        branch_id: desk.main,
        staff_user_id: null,
        workstation_id: null,
        source: 'offline',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('items')
      .set({ status: 'on_loan' })
      .where('id', '=', itemId)
      .execute();
    return id;
  }

  const holdOf = (id: number) =>
    database.db
      .selectFrom('holds')
      .select(['status', 'trapped_item_id', 'fulfilled_loan_id', 'shelf_expires_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('fulfils the borrower’s hold and sends another patron’s back to waiting, closing the transit', async () => {
    const borrower = await desk.library.patron();
    const other = await desk.library.patron();
    const own = await trappedCopy(borrower.id, desk.main);
    const theirs = await trappedCopy(other.id, desk.east);
    const ownLoan = await lendOffline(own.item.id, borrower.id);
    await lendOffline(theirs.item.id, borrower.id);
    const untouched = await trappedCopy(other.id, desk.main);

    await database.db
      .transaction()
      .execute((trx) => settleHoldsOfLentItems(trx, [own.item.id, theirs.item.id], at + 1));

    expect(await holdOf(own.holdId)).toMatchObject({
      status: 'fulfilled',
      fulfilled_loan_id: ownLoan,
    });
    expect(await holdOf(theirs.holdId)).toEqual({
      status: 'waiting',
      trapped_item_id: null,
      fulfilled_loan_id: null,
      shelf_expires_on: null,
    });
    expect(await holdOf(untouched.holdId)).toMatchObject({ status: 'on_shelf' });
    const openTransits = await database.db
      .selectFrom('transits')
      .select('id')
      .where('item_id', '=', theirs.item.id)
      .where('received_at', 'is', null)
      .execute();
    expect(openTransits).toEqual([]);
  });
});

describeEachEngine('offline processing and holds', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.dispose());

  it('an uploaded check-out fulfils the borrower’s shelf hold and releases another’s', async () => {
    const { db } = database;
    const library = await buildOfflineLibrary(db);
    const shelve = async (itemId: number, patronId: number) => {
      await db
        .updateTable('items')
        .set({ status: 'on_hold_shelf' })
        .where('id', '=', itemId)
        .execute();
      const { id } = await buildHold(db, {
        patron_id: patronId,
        title_id: await titleOf(db, itemId),
        pickup_branch_id: library.branch.id,
        placed_at: OUTAGE_START_MS - 86_400_000,
        status: 'on_shelf',
        trapped_item_id: itemId,
        trapped_at: OUTAGE_START_MS - 3_600_000,
        shelf_expires_on: '2026-03-09',
      });
      return id;
    };
    const borrower = await library.patron();
    const waiting = await library.patron();
    const ownItem = await library.item();
    const otherItem = await library.item();
    const ownHold = await shelve(ownItem.id, borrower.id);
    const otherHold = await shelve(otherItem.id, waiting.id);
    const desk = offlineWorkstation({
      name: 'OFFLINE-HOLDS',
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
    });
    await receiveOfflineUpload({
      db,
      actor: { user: { id: library.staff.id } },
      source: 'client',
      transactions: [ownItem, otherItem].map((item, index) =>
        desk.checkOut({
          patronBarcode: borrower.barcode,
          itemBarcode: item.barcode,
          occurredAt: OUTAGE_START_MS + index * 60_000,
        }),
      ),
      now: OUTAGE_START_MS + 3_600_000,
    });
    await processPendingOfflineTransactions({ db, now: () => OUTAGE_START_MS + 3_600_001 });

    const holds = await db
      .selectFrom('holds')
      .select(['id', 'status', 'trapped_item_id', 'fulfilled_loan_id'])
      .where('id', 'in', [ownHold, otherHold])
      .orderBy('id')
      .execute();
    const ownLoan = await db
      .selectFrom('loans')
      .select('id')
      .where('item_id', '=', ownItem.id)
      .where('returned_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(holds).toEqual([
      {
        id: ownHold,
        status: 'fulfilled',
        trapped_item_id: ownItem.id,
        fulfilled_loan_id: ownLoan.id,
      },
      { id: otherHold, status: 'waiting', trapped_item_id: null, fulfilled_loan_id: null },
    ]);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkIn } from '../commands/checkIn.ts';
import { MONDAY_NOON_CHICAGO_MS } from '../commands/circulationFixture.testing.ts';
import { buildHoldsDesk, type HoldsDesk } from '../commands/holds/holdsDesk.testing.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { settleHoldsOfLentItems } from './offlineHolds.ts';

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

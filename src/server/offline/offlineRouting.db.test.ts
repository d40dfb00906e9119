import type { Kysely, Transaction } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MONDAY_NOON_CHICAGO_MS } from '../commands/circulationFixture.testing.ts';
import { buildHoldsDesk, type HoldsDesk } from '../commands/holds/holdsDesk.testing.ts';
import { routeItem } from '../commands/holds/routeItem.ts';
import { selectItemViews } from '../db/circulationViews.ts';
import type { Database } from '../db/schema.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  routedCheckInOf,
  routeOfflineCheckIns,
  type OfflineCheckInToRoute,
  type RoutedCheckIn,
} from './offlineRouting.ts';

const now = MONDAY_NOON_CHICAGO_MS + 3_600_000;

/** What routing leaves behind: every transit, hold and item status, ids of new transits aside. */
async function routingRows(db: Kysely<Database> | Transaction<Database>) {
  return {
    transits: await db
      .selectFrom('transits')
      .select([
        'item_id',
        'from_branch_id',
        'to_branch_id',
        'reason',
        'hold_id',
        'sent_at',
        'sent_by',
        'received_at',
        'received_by',
      ])
      .orderBy('item_id')
      .orderBy('sent_at')
      .execute(),
    holds: await db
      .selectFrom('holds')
      .select(['id', 'status', 'trapped_item_id', 'trapped_at', 'shelf_expires_on'])
      .orderBy('id')
      .execute(),
    items: await db.selectFrom('items').select(['id', 'status']).orderBy('id').execute(),
  };
}

/** Thrown to roll the one-by-one routing back once its rows are read. */
class RolledBack extends Error {
  constructor(readonly found: unknown) {
    super('rolled back');
  }
}

/** Each item through routeItem, one at a time in the batch's order, as a desk would route it. */
async function routedOneByOne(trx: Transaction<Database>, checkIns: OfflineCheckInToRoute[]) {
  const routes = new Map<number, RoutedCheckIn>();
  for (const checkIn of checkIns) {
    const item = await selectItemViews(trx)
      .where('items.id', '=', checkIn.itemId)
      .executeTakeFirstOrThrow();
    const routed = await routeItem({
      trx,
      actor: { staffUserId: checkIn.staffUserId, branchId: checkIn.hereBranchId },
      item,
      at: now,
    });
    const route = routedCheckInOf(routed.routing);
    if (route) routes.set(checkIn.itemId, route);
  }
  return routes;
}

describeEachEngine('routing the items an offline batch checked in', (engine) => {
  let database: TestDatabase;
  let desk: HoldsDesk;
  beforeEach(async () => {
    database = await openTestDatabase(engine);
    desk = await buildHoldsDesk(database.db);
  });
  afterEach(() => database.dispose());

  /** A copy owned by `branchId`, back on the trolley (available), with its title's id. */
  async function copyOf(branchId: number) {
    const { titleId, items } = await desk.copies(1, branchId);
    return { id: items[0]!.id, titleId };
  }

  /**
   * A returns trolley with every kind of item: copies going home from MAIN to EAST and WEST and
   * from EAST to MAIN, one at home, a title with a hold waiting for pickup at MAIN (its first copy
   * caught, its second then going home), a hold for pickup at EAST, and a copy that came back from
   * EAST in transit to MAIN.
   */
  async function trolley(): Promise<OfflineCheckInToRoute[]> {
    const mainDesk = await desk.actorAt(desk.main);
    const eastDesk = await desk.actorAt(desk.east);
    const atMain = (itemId: number) => ({
      itemId,
      hereBranchId: desk.main,
      staffUserId: mainDesk.staffUserId,
    });
    const patron = await desk.library.patron();
    const another = await desk.library.patron();

    const eastCopies = [await copyOf(desk.east), await copyOf(desk.east), await copyOf(desk.east)];
    const westCopy = await copyOf(desk.west);
    const mainCopyAtEast = await copyOf(desk.main);
    const mainCopyAtHome = await copyOf(desk.main);
    const awaited = await desk.copies(2, desk.east);
    await desk.placeHold({
      patronId: patron.id,
      titleId: awaited.titleId,
      pickupBranchId: desk.main,
    });
    const forEast = await copyOf(desk.main);
    await desk.placeHold({
      patronId: another.id,
      titleId: forEast.titleId,
      pickupBranchId: desk.east,
    });
    const travelling = await copyOf(desk.east);
    await database.db
      .insertInto('transits')
      .values({
        item_id: travelling.id,
        from_branch_id: desk.east,
        to_branch_id: desk.main,
        reason: 'home',
        hold_id: null,
        sent_at: now - 86_400_000,
        sent_by: eastDesk.staffUserId,
        received_at: null,
        received_by: null,
      })
      .execute();
    await database.db
      .updateTable('items')
      .set({ status: 'in_transit' })
      .where('id', '=', travelling.id)
      .execute();

    return [
      atMain(eastCopies[0]!.id),
      atMain(awaited.items[0]!.id),
      atMain(westCopy.id),
      { itemId: mainCopyAtEast.id, hereBranchId: desk.east, staffUserId: eastDesk.staffUserId },
      atMain(mainCopyAtHome.id),
      atMain(eastCopies[1]!.id),
      atMain(awaited.items[1]!.id),
      atMain(forEast.id),
      atMain(travelling.id),
      atMain(eastCopies[2]!.id),
    ].map((checkIn, index) => ({ ...checkIn, index }));
  }

  it('writes the rows and words of routing each item one by one, sending the plain ones home set-based', async () => {
    const checkIns = await trolley();
    let oneByOne: { routes: Map<number, RoutedCheckIn>; rows: unknown } | undefined;
    await database.db
      .transaction()
      .execute(async (trx) => {
        const routes = await routedOneByOne(trx, checkIns);
        throw new RolledBack({ routes, rows: await routingRows(trx) });
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
        oneByOne = error.found as typeof oneByOne;
      });

    const routes = await database.db
      .transaction()
      .execute((trx) => routeOfflineCheckIns(trx, checkIns, now));

    expect(await routingRows(database.db)).toEqual(oneByOne!.rows);
    expect(routes).toEqual(oneByOne!.routes);
    const transitsStarted = (oneByOne!.rows as Awaited<ReturnType<typeof routingRows>>).transits
      .filter((t) => t.sent_at === now)
      .map((t) => [t.item_id, t.reason]);
    // Five copies go home (three EAST, the WEST one, the MAIN one at EAST), the second copy of the
    // awaited title too, the copy that came back from EAST goes home again, one goes to EAST's hold.
    expect(transitsStarted).toHaveLength(8);
    expect([...routes.values()].map((r) => r.words)).toContain(
      `Send it in transit to ${await branchName(database.db, desk.west)}, its home branch.`,
    );
  });

  it('sends nothing home where items float, and shelves them here', async () => {
    await database.db.updateTable('library_settings').set({ items_float: 1 }).execute();
    const mainDesk = await desk.actorAt(desk.main);
    const eastCopy = await copyOf(desk.east);

    const routes = await database.db.transaction().execute((trx) =>
      routeOfflineCheckIns(
        trx,
        [
          {
            itemId: eastCopy.id,
            hereBranchId: desk.main,
            staffUserId: mainDesk.staffUserId,
            index: 0,
          },
        ],
        now,
      ),
    );

    expect(routes.size).toBe(0);
    expect((await routingRows(database.db)).transits).toEqual([]);
  });
});

async function branchName(db: Kysely<Database>, id: number): Promise<string> {
  const { name } = await db
    .selectFrom('branches')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return name;
}

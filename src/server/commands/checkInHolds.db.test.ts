// Check-in fills holds (issue 12): the hold shelf, transit to the pickup branch and home, floating,
// receiving, and two desks at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getLibrarySettings, saveLibrarySettings } from '../db/librarySettings.ts';
import type { CircaError } from '../errors.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { checkIn } from './checkIn.ts';
import { MONDAY_NOON_CHICAGO_MS } from './circulationFixture.testing.ts';
import { buildHoldsDesk, type HoldsDesk } from './holds/holdsDesk.testing.ts';

const at = MONDAY_NOON_CHICAGO_MS;

describeEachEngine('checkIn with holds', (engine) => {
  let database: TestDatabase;
  let desk: HoldsDesk;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    desk = await buildHoldsDesk(database.db);
  });
  afterAll(() => database.dispose());

  const holdRow = (id: number) =>
    database.db
      .selectFrom('holds')
      .select(['status', 'trapped_item_id', 'trapped_at', 'shelf_expires_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const itemStatus = async (id: number) =>
    (
      await database.db
        .selectFrom('items')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const openTransits = (itemId: number) =>
    database.db
      .selectFrom('transits')
      .selectAll()
      .where('item_id', '=', itemId)
      .where('received_at', 'is', null)
      .execute();

  it('puts the item on the hold shelf at the pickup branch, for 7 open days, with a hold slip', async () => {
    const { titleId, items } = await desk.copies(1, desk.main);
    const [item] = items;
    await desk.lend(item!.barcode);
    const patron = await desk.library.patron();
    await database.db
      .updateTable('patrons')
      .set({ name: 'Ada Reader' })
      .where('id', '=', patron.id)
      .execute();
    const holdId = await desk.placeHold({
      patronId: patron.id,
      titleId,
      pickupBranchId: desk.west,
    });
    const actor = await desk.actorAt(desk.west);

    const result = await checkIn({ db: database.db, actor, itemBarcode: item!.barcode, at });

    // Open days at WEST after Monday 2 March: Tue 3, Wed 4, (Thu 5 closed), Fri 6, (weekend),
    // Mon 9, Tue 10, Wed 11, Thu 12.
    expect(result.routing).toEqual({
      kind: 'holdShelf',
      slip: expect.objectContaining({
        holdId,
        patronShortName: 'REA, A.',
        patronBarcode: patron.barcode,
        itemBarcode: item!.barcode,
        shelfExpiresOn: '2026-03-12',
        trappedAt: at,
        pickupBranch: expect.objectContaining({ id: desk.west }),
      }),
    });
    expect(result.item.status).toBe('on_hold_shelf');
    expect(result.loan?.returnedAt).toBe(at);
    expect(await holdRow(holdId)).toEqual({
      status: 'on_shelf',
      trapped_item_id: item!.id,
      trapped_at: at,
      shelf_expires_on: '2026-03-12',
    });
    expect(await itemStatus(item!.id)).toBe('on_hold_shelf');
    expect(await openTransits(item!.id)).toEqual([]);
  });

  it('sends the item to the pickup branch, then receives it there onto the hold shelf', async () => {
    const { titleId, items } = await desk.copies(1, desk.main);
    const [item] = items;
    await desk.lend(item!.barcode);
    const patron = await desk.library.patron();
    const holdId = await desk.placeHold({
      patronId: patron.id,
      titleId,
      pickupBranchId: desk.east,
    });
    const mainDesk = await desk.actorAt(desk.main);

    const sent = await checkIn({
      db: database.db,
      actor: mainDesk,
      itemBarcode: item!.barcode,
      at,
    });
    expect(sent.routing).toMatchObject({
      kind: 'transit',
      slip: {
        reason: 'hold',
        itemBarcode: item!.barcode,
        fromBranch: { id: desk.main },
        toBranch: { id: desk.east },
        sentAt: at,
        hold: { holdId, patronBarcode: patron.barcode },
      },
    });
    expect(sent.received).toBe(false);
    expect(sent.receivedFrom).toBeNull();
    expect(await holdRow(holdId)).toMatchObject({
      status: 'in_transit',
      trapped_item_id: item!.id,
    });
    expect(await itemStatus(item!.id)).toBe('in_transit');
    expect(await openTransits(item!.id)).toHaveLength(1);

    const eastDesk = await desk.actorAt(desk.east);
    const later = at + 86_400_000;
    const received = await checkIn({
      db: database.db,
      actor: eastDesk,
      itemBarcode: item!.barcode,
      at: later,
    });
    expect(received).toMatchObject({
      loan: null,
      received: true,
      receivedFrom: { id: desk.main },
      overdue: false,
      routing: { kind: 'holdShelf', slip: { holdId, shelfExpiresOn: '2026-03-10' } },
    });
    expect(await holdRow(holdId)).toMatchObject({
      status: 'on_shelf',
      shelf_expires_on: '2026-03-10',
    });
    expect(await itemStatus(item!.id)).toBe('on_hold_shelf');
    expect(await openTransits(item!.id)).toEqual([]);
  });

  it('sends an item wanted by nobody home, and shelves it when it arrives', async () => {
    const { items } = await desk.copies(1, desk.east);
    const [item] = items;
    await desk.lend(item!.barcode);
    const mainDesk = await desk.actorAt(desk.main);
    const sent = await checkIn({
      db: database.db,
      actor: mainDesk,
      itemBarcode: item!.barcode,
      at,
    });
    expect(sent.routing).toMatchObject({
      kind: 'transit',
      slip: { reason: 'home', toBranch: { id: desk.east }, hold: null },
    });
    const again = (await checkIn({
      db: database.db,
      actor: mainDesk,
      itemBarcode: item!.barcode,
      at,
    }).catch((caught: unknown) => caught)) as CircaError;
    expect(again).toMatchObject({ code: 'ITEM_NOT_ON_LOAN', status: 409 });
    expect(again.message).toMatch(/already on its way to/);
    expect(await openTransits(item!.id)).toHaveLength(1);
    const eastDesk = await desk.actorAt(desk.east);
    const home = await checkIn({
      db: database.db,
      actor: eastDesk,
      itemBarcode: item!.barcode,
      at,
    });
    expect(home).toMatchObject({
      received: true,
      receivedFrom: { id: desk.main },
      routing: { kind: 'shelve' },
    });
    expect(await itemStatus(item!.id)).toBe('available');
    const transits = await database.db
      .selectFrom('transits')
      .select(['reason', 'received_at', 'received_by'])
      .where('item_id', '=', item!.id)
      .execute();
    expect(transits).toEqual([
      { reason: 'home', received_at: at, received_by: eastDesk.staffUserId },
    ]);
  });

  it('keeps the item where it is returned when items float', async () => {
    const settings = await getLibrarySettings(database.db);
    await saveLibrarySettings(database.db, { ...settings, itemsFloat: true });
    try {
      const { items } = await desk.copies(1, desk.east);
      await desk.lend(items[0]!.barcode);
      const mainDesk = await desk.actorAt(desk.main);
      const result = await checkIn({
        db: database.db,
        actor: mainDesk,
        itemBarcode: items[0]!.barcode,
        at,
      });
      expect(result.routing).toEqual({ kind: 'shelve' });
      expect(await itemStatus(items[0]!.id)).toBe('available');
      expect(await openTransits(items[0]!.id)).toEqual([]);
    } finally {
      await saveLibrarySettings(database.db, settings);
    }
  });

  it('closes a transit scanned at the wrong branch and sends the item on from there', async () => {
    const { titleId, items } = await desk.copies(1, desk.main);
    const [item] = items;
    await desk.lend(item!.barcode);
    const patron = await desk.library.patron();
    const holdId = await desk.placeHold({
      patronId: patron.id,
      titleId,
      pickupBranchId: desk.east,
    });
    await checkIn({
      db: database.db,
      actor: await desk.actorAt(desk.main),
      itemBarcode: item!.barcode,
      at,
    });
    const westDesk = await desk.actorAt(desk.west);
    const result = await checkIn({
      db: database.db,
      actor: westDesk,
      itemBarcode: item!.barcode,
      at,
    });
    expect(result).toMatchObject({
      received: false,
      routing: {
        kind: 'transit',
        slip: { fromBranch: { id: desk.west }, toBranch: { id: desk.east }, hold: { holdId } },
      },
    });
    const transits = await database.db
      .selectFrom('transits')
      .select(['from_branch_id', 'received_at'])
      .where('item_id', '=', item!.id)
      .orderBy('id')
      .execute();
    expect(transits).toEqual([
      { from_branch_id: desk.main, received_at: at },
      { from_branch_id: desk.west, received_at: null },
    ]);
    expect(await holdRow(holdId)).toMatchObject({
      status: 'in_transit',
      trapped_item_id: item!.id,
    });
  });

  it('says there is nothing to check in for an item waiting on the hold shelf, and changes nothing', async () => {
    const { titleId, items } = await desk.copies(1, desk.main);
    await desk.lend(items[0]!.barcode);
    const patron = await desk.library.patron();
    const holdId = await desk.placeHold({
      patronId: patron.id,
      titleId,
      pickupBranchId: desk.main,
    });
    const actor = await desk.actorAt(desk.main);
    await checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at });
    const before = await holdRow(holdId);
    const error = (await checkIn({
      db: database.db,
      actor,
      itemBarcode: items[0]!.barcode,
      at: at + 1,
    }).catch((caught: unknown) => caught)) as CircaError;
    expect(error).toMatchObject({ code: 'ITEM_NOT_ON_LOAN', status: 409 });
    expect(error.message).toMatch(/waits on the hold shelf for .+ until Mon 9 Mar 2026/);
    expect(await holdRow(holdId)).toEqual(before);
  });

  it('routes an item left on the hold shelf by a cancelled hold to the next hold', async () => {
    const { titleId, items } = await desk.copies(1, desk.main);
    await desk.lend(items[0]!.barcode);
    const first = await desk.placeHold({
      patronId: (await desk.library.patron()).id,
      titleId,
      pickupBranchId: desk.main,
    });
    const second = await desk.placeHold({
      patronId: (await desk.library.patron()).id,
      titleId,
      pickupBranchId: desk.east,
      placedAt: 1000,
    });
    const actor = await desk.actorAt(desk.main);
    await checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at });
    await database.db
      .updateTable('holds')
      .set({ status: 'cancelled', ended_at: at })
      .where('id', '=', first)
      .execute();
    const result = await checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at });
    expect(result.routing).toMatchObject({ kind: 'transit', slip: { hold: { holdId: second } } });
    expect(await holdRow(second)).toMatchObject({
      status: 'in_transit',
      trapped_item_id: items[0]!.id,
    });
  });

  it('fills two different holds when two desks check in two copies of one title at once', async () => {
    const { titleId, items } = await desk.copies(2, desk.main);
    for (const item of items) await desk.lend(item.barcode);
    const holds = [
      await desk.placeHold({
        patronId: (await desk.library.patron()).id,
        titleId,
        pickupBranchId: desk.main,
      }),
      await desk.placeHold({
        patronId: (await desk.library.patron()).id,
        titleId,
        pickupBranchId: desk.main,
        placedAt: 1000,
      }),
    ];
    const desks = [await desk.actorAt(desk.main), await desk.actorAt(desk.main)];
    const results = await Promise.all(
      items.map((item, index) =>
        checkIn({ db: database.db, actor: desks[index]!, itemBarcode: item.barcode, at }),
      ),
    );
    const filled = results.map((result) =>
      result.routing.kind === 'holdShelf' ? result.routing.slip.holdId : null,
    );
    expect(filled.toSorted()).toEqual(holds.toSorted());
    const rows = await Promise.all(holds.map(holdRow));
    expect(rows.map((row) => row.status)).toEqual(['on_shelf', 'on_shelf']);
    expect(new Set(rows.map((row) => row.trapped_item_id))).toEqual(
      new Set(items.map((item) => item.id)),
    );
  });

  it('traps one hold when the same copy is checked in twice at once', async () => {
    const { titleId, items } = await desk.copies(1, desk.main);
    await desk.lend(items[0]!.barcode);
    const holds = [
      await desk.placeHold({
        patronId: (await desk.library.patron()).id,
        titleId,
        pickupBranchId: desk.main,
      }),
      await desk.placeHold({
        patronId: (await desk.library.patron()).id,
        titleId,
        pickupBranchId: desk.main,
        placedAt: 1000,
      }),
    ];
    const actor = await desk.actorAt(desk.main);
    const outcomes = await Promise.allSettled([
      checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at }),
      checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as CircaError] : [],
    );
    expect(refused.map((error) => error.code)).toEqual(['ITEM_NOT_ON_LOAN']);
    const rows = await Promise.all(holds.map(holdRow));
    expect(rows.map((row) => row.status)).toEqual(['on_shelf', 'waiting']);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { CheckInResult, CheckOutResult } from '../../../shared/api/circulation.ts';
import { ClearFromShelfResult, HoldShelfList, TransitList } from '../../../shared/api/holds.ts';
import { MONDAY_NOON_CHICAGO_MS } from '../../commands/circulationFixture.testing.ts';
import { buildHoldsDesk, type HoldsDesk } from '../../commands/holds/holdsDesk.testing.ts';
import { createTestClock, errorOf, startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

const DAY_MS = 86_400_000;

describeEachEngine('hold shelf and transit API', (engine) => {
  let api: TestApi;
  let desk: HoldsDesk;
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(MONDAY_NOON_CHICAGO_MS) });
    desk = await buildHoldsDesk(api.db);
  });
  afterAll(() => api.dispose());

  it('asks for a session', async () => {
    const anonymous = api.anonymous();
    for (const response of [
      await anonymous.get('/api/hold-shelf'),
      await anonymous.post('/api/hold-shelf/clear', { itemBarcode: '30000000000001' }),
      await anonymous.get('/api/transits'),
    ]) {
      expect(response.statusCode).toBe(401);
    }
  });

  it('lists the shelf, refuses to clear before expiry, clears after it and sends the item to the next hold', async () => {
    api.clock.set(MONDAY_NOON_CHICAGO_MS);
    let main = await api.signIn('shelf-main', 'circulation', { branchId: desk.main });
    let east = await api.signIn('shelf-east', 'circulation', { branchId: desk.east });
    const { titleId, items } = await desk.copies(1, desk.main);
    const [item] = items;
    await desk.lend(item!.barcode);
    const first = await desk.library.patron();
    const firstHold = await desk.placeHold({
      patronId: first.id,
      titleId,
      pickupBranchId: desk.main,
    });
    const secondHold = await desk.placeHold({
      patronId: (await desk.library.patron()).id,
      titleId,
      pickupBranchId: desk.east,
      placedAt: 1000,
    });

    const checkedIn = CheckInResult.parse(
      (await main.post('/api/checkins', { itemBarcode: item!.barcode })).json(),
    );
    expect(checkedIn.routing).toMatchObject({ kind: 'holdShelf', slip: { holdId: firstHold } });

    const shelf = HoldShelfList.parse((await main.get('/api/hold-shelf')).json());
    expect(shelf.branch.id).toBe(desk.main);
    expect(shelf.entries).toEqual([
      expect.objectContaining({
        hold: expect.objectContaining({ id: firstHold, status: 'on_shelf' }),
        item: expect.objectContaining({ id: item!.id, barcode: item!.barcode }),
        since: MONDAY_NOON_CHICAGO_MS,
        expiresOn: '2026-03-09',
        expired: false,
      }),
    ]);
    expect(HoldShelfList.parse((await east.get('/api/hold-shelf')).json()).entries).toEqual([]);

    const early = await main.post('/api/hold-shelf/clear', { itemBarcode: item!.barcode });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early)).toMatchObject({ code: 'HOLD_NOT_EXPIRED' });
    expect(errorOf(early).message).toMatch(/until Mon 9 Mar 2026/);

    api.clock.advance(7 * DAY_MS);
    // A week on, the desk signs in again (sessions end when idle).
    main = await api.signIn('shelf-main');
    east = await api.signIn('shelf-east');
    expect(
      HoldShelfList.parse((await main.get('/api/hold-shelf')).json()).entries[0]?.expired,
    ).toBe(false);
    api.clock.advance(DAY_MS);
    main = await api.signIn('shelf-main');
    east = await api.signIn('shelf-east');
    expect(
      HoldShelfList.parse((await main.get('/api/hold-shelf')).json()).entries[0]?.expired,
    ).toBe(true);

    const elsewhere = await east.post('/api/hold-shelf/clear', { itemBarcode: item!.barcode });
    expect(errorOf(elsewhere).code).toBe('ITEM_NOT_ON_HOLD_SHELF');

    const cleared = await main.post('/api/hold-shelf/clear', { itemBarcode: item!.barcode });
    expect(cleared.statusCode).toBe(200);
    const result = ClearFromShelfResult.parse(cleared.json());
    expect(result.expiredHold).toMatchObject({ id: firstHold, status: 'expired' });
    expect(result.expiredHold.endedAt).toBe(api.clock.now());
    expect(result.routing).toMatchObject({
      kind: 'transit',
      slip: { reason: 'hold', toBranch: { id: desk.east }, hold: { holdId: secondHold } },
    });

    const outgoing = TransitList.parse((await main.get('/api/transits')).json());
    expect(outgoing.outgoing.map((transit) => transit.item.id)).toContain(item!.id);
    const incoming = TransitList.parse((await east.get('/api/transits')).json());
    expect(incoming.incoming).toEqual([
      expect.objectContaining({
        item: expect.objectContaining({ id: item!.id }),
        reason: 'hold',
        holdId: secondHold,
        receivedAt: null,
      }),
    ]);
    expect(incoming.outgoing).toEqual([]);
  });

  it('refuses to lend an item on the shelf for another patron, lends it to its patron, and lets a supervisor override', async () => {
    api.clock.set(MONDAY_NOON_CHICAGO_MS);
    const main = await api.signIn('lend-main', 'circulation', { branchId: desk.main });
    const supervisor = await api.signIn('lend-super', 'supervisor', { branchId: desk.main });
    const { titleId, items } = await desk.copies(2, desk.main);
    const [held, other] = items;
    for (const item of items) await desk.lend(item.barcode);
    const holdPatron = await desk.library.patron();
    const stranger = await desk.library.patron();
    const holdId = await desk.placeHold({
      patronId: holdPatron.id,
      titleId,
      pickupBranchId: desk.main,
    });
    await main.post('/api/checkins', { itemBarcode: held!.barcode });

    const refused = await main.post('/api/checkouts', {
      patronBarcode: stranger.barcode,
      itemBarcode: held!.barcode,
    });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({
      code: 'ITEM_ON_HOLD_FOR_ANOTHER',
      details: { holdId, shelfExpiresOn: '2026-03-09' },
    });
    expect(errorOf(refused).message).toMatch(/on the hold shelf for .+ until Mon 9 Mar 2026/);
    const notSupervisor = await main.post('/api/checkouts', {
      patronBarcode: stranger.barcode,
      itemBarcode: held!.barcode,
      overrideHold: { reason: 'Patron asked' },
    });
    expect(errorOf(notSupervisor).code).toBe('FORBIDDEN');

    const overridden = await supervisor.post('/api/checkouts', {
      patronBarcode: stranger.barcode,
      itemBarcode: held!.barcode,
      overrideHold: { reason: 'Hold patron asked us to lend it' },
    });
    expect(overridden.statusCode).toBe(201);
    const hold = await api.db
      .selectFrom('holds')
      .select(['status', 'trapped_item_id', 'shelf_expires_on', 'placed_at'])
      .where('id', '=', holdId)
      .executeTakeFirstOrThrow();
    expect(hold).toEqual({
      status: 'waiting',
      trapped_item_id: null,
      shelf_expires_on: null,
      placed_at: MONDAY_NOON_CHICAGO_MS - DAY_MS,
    });
    const audit = await api.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject_id', 'after'])
      .where('action', '=', 'hold.overriddenAtCheckOut')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'lend-super', subject_id: String(holdId) });
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({
      reason: 'Hold patron asked us to lend it',
    });

    // The other copy comes back: it catches the hold again, and lending it to its patron fills it.
    await main.post('/api/checkins', { itemBarcode: other!.barcode });
    const lent = await main.post('/api/checkouts', {
      patronBarcode: holdPatron.barcode,
      itemBarcode: other!.barcode,
    });
    expect(lent.statusCode).toBe(201);
    const loan = CheckOutResult.parse(lent.json()).loan;
    expect(
      await api.db
        .selectFrom('holds')
        .select(['status', 'fulfilled_loan_id', 'ended_at'])
        .where('id', '=', holdId)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'fulfilled',
      fulfilled_loan_id: loan.id,
      ended_at: MONDAY_NOON_CHICAGO_MS,
    });
  });

  it('fills a waiting hold when its patron borrows an available copy of the title', async () => {
    api.clock.set(MONDAY_NOON_CHICAGO_MS);
    const main = await api.signIn('lend-copy', 'circulation', { branchId: desk.main });
    const { titleId, items } = await desk.copies(1, desk.main);
    const patron = await desk.library.patron();
    const holdId = await desk.placeHold({
      patronId: patron.id,
      titleId,
      pickupBranchId: desk.east,
    });
    const lent = await main.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: items[0]!.barcode,
    });
    expect(lent.statusCode).toBe(201);
    const hold = await api.db
      .selectFrom('holds')
      .select(['status', 'fulfilled_loan_id'])
      .where('id', '=', holdId)
      .executeTakeFirstOrThrow();
    expect(hold).toEqual({
      status: 'fulfilled',
      fulfilled_loan_id: CheckOutResult.parse(lent.json()).loan.id,
    });
  });
});

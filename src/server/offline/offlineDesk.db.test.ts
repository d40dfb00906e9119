// Offline check-ins, renewals and in-house uses as the server processes them: closing loans at the
// offline time or the "Returned on" day, routing checked-in items to holds, never undoing newer
// online work, renewing as the patron was told (or not, as the library sets), and counting uses.
import { describe, expect, it } from 'vitest';
import { lookupItem } from '../commands/lookups.ts';
import { reapplyException } from '../commands/offlineExceptions.ts';
import { buildBranch, buildLoanRule, buildStaffUser } from '../testing/factories.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { OUTAGE_START_MS } from './fixtures.testing.ts';
import { offlineScenePerTest } from './scene.testing.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describeEachEngine('offline check-ins, renewals and in-house use', (engine) => {
  const scene = offlineScenePerTest(engine, { receivedAt: OUTAGE_START_MS + DAY_MS });

  /** An online loan of a new item to a new patron, begun `began` and due 21 days later. */
  async function onlineLoan(began = OUTAGE_START_MS - 10 * DAY_MS, itemBranchId?: number) {
    const patron = await scene.library.patron({ name: 'Ada Reader' });
    const item = await scene.library.item({
      status: 'on_loan',
      ...(itemBranchId === undefined ? {} : { branch_id: itemBranchId }),
    });
    const loan = await scene.db
      .insertInto('loans')
      .values({
        item_id: item.id,
        patron_id: patron.id,
        checked_out_at: began,
        due_at: began + 21 * DAY_MS,
        returned_at: null,
        branch_id: scene.library.branch.id,
        staff_user_id: null,
        workstation_id: null,
        source: 'online',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { patron, item, loanId: loan.id };
  }

  async function placeHold(itemId: number, pickupBranchId: number) {
    const waiting = await scene.library.patron({ name: 'Grace Hopper' });
    const { title_id } = await scene.db
      .selectFrom('items')
      .select('title_id')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    const hold = await scene.db
      .insertInto('holds')
      .values({
        patron_id: waiting.id,
        title_id: title_id as number,
        item_id: null,
        pickup_branch_id: pickupBranchId,
        placed_at: OUTAGE_START_MS - 5 * DAY_MS,
        placed_by: null,
        placed_at_workstation_id: null,
        status: 'waiting',
        suspended_until: null,
        trapped_item_id: null,
        trapped_at: null,
        shelf_expires_on: null,
        ended_at: null,
        ended_by: null,
        fulfilled_loan_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { holdId: hold.id, waiting };
  }

  const outcomeOf = (id: string) =>
    scene.db
      .selectFrom('offline_transactions')
      .select(['status', 'codes', 'message', 'routed_to', 'routed_hold_id', 'routed_branch_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const loanOf = (id: number) =>
    scene.db
      .selectFrom('loans')
      .select(['returned_at', 'due_at', 'renewal_count'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const itemOf = (id: number) =>
    scene.db
      .selectFrom('items')
      .select(['status', 'in_house_uses'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  async function renewable(renewalsAllowed: number) {
    await buildLoanRule(scene.db, {
      patron_type_id: scene.library.patronType.id,
      material_type_id: scene.library.materialType.id,
      renewals_allowed: renewalsAllowed,
    });
    const loan = await onlineLoan();
    const dueAt = OUTAGE_START_MS + 21 * DAY_MS;
    const renewal = scene.desk('DESK-1').renewal({
      patronBarcode: loan.patron.barcode,
      itemBarcode: loan.item.barcode,
      dueAt,
      occurredAt: OUTAGE_START_MS + HOUR_MS,
    });
    return { ...loan, renewal, dueAt };
  }
  const setRefusal = (choice: 'apply_with_warning' | 'exception') =>
    scene.db
      .updateTable('library_settings')
      .set({ offline_renewal_refusal: choice })
      .where('id', '=', 1)
      .execute();
  const renewalsOf = (loanId: number) =>
    scene.db
      .selectFrom('renewals')
      .select(['renewed_at', 'due_at', 'source', 'staff_user_id'])
      .where('loan_id', '=', loanId)
      .execute();

  describe('check-in', () => {
    it('closes the loan at the end of the "Returned on" day for an item found in the book drop', async () => {
      const { item, loanId } = await onlineLoan();
      const checkIn = scene.desk('DESK-1').checkIn({
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS + HOUR_MS,
        returnedOn: '2026-03-01',
      });
      await scene.sendAndProcess([checkIn]);
      expect(await loanOf(loanId)).toMatchObject({ returned_at: Date.UTC(2026, 2, 1, 23, 59) });
      expect(await outcomeOf(checkIn.id)).toMatchObject({ status: 'applied', routed_to: null });
      expect((await outcomeOf(checkIn.id)).message).toContain('returned on Sun 1 Mar 2026');
      expect(await itemOf(item.id)).toMatchObject({ status: 'available' });
    });

    it('traps a hold waiting at this branch: the item goes to the hold shelf', async () => {
      const { item, loanId } = await onlineLoan();
      const { holdId } = await placeHold(item.id, scene.library.branch.id);
      const checkIn = scene.desk('DESK-1').checkIn({
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS + HOUR_MS,
      });
      await scene.sendAndProcess([checkIn]);
      expect(await loanOf(loanId)).toMatchObject({ returned_at: OUTAGE_START_MS + HOUR_MS });
      const outcome = await outcomeOf(checkIn.id);
      expect(outcome).toMatchObject({
        status: 'applied',
        codes: JSON.stringify(['TO_HOLD_SHELF']),
        routed_to: 'hold_shelf',
        routed_hold_id: holdId,
        routed_branch_id: scene.library.branch.id,
      });
      expect(outcome.message).toContain('Put it on the hold shelf for HOP, G.');
      expect(outcome.message).toContain(scene.library.branch.name);
      const hold = await scene.db
        .selectFrom('holds')
        .select(['status', 'trapped_item_id', 'shelf_expires_on'])
        .where('id', '=', holdId)
        .executeTakeFirstOrThrow();
      expect(hold).toMatchObject({ status: 'on_shelf', trapped_item_id: item.id });
      expect(hold.shelf_expires_on).not.toBeNull();
      expect(await itemOf(item.id)).toMatchObject({ status: 'on_hold_shelf' });
    });

    it('never loses the hold it trapped when the item is then lent offline to someone else', async () => {
      const { item } = await onlineLoan();
      const { holdId } = await placeHold(item.id, scene.library.branch.id);
      const stranger = await scene.library.patron();
      const desk = scene.desk('DESK-1');
      await scene.sendAndProcess([
        desk.checkIn({ itemBarcode: item.barcode, occurredAt: OUTAGE_START_MS + HOUR_MS }),
      ]);
      await scene.sendAndProcess([
        desk.checkOut({
          patronBarcode: stranger.barcode,
          itemBarcode: item.barcode,
          occurredAt: OUTAGE_START_MS + 2 * HOUR_MS,
        }),
      ]);
      const hold = await scene.db
        .selectFrom('holds')
        .select(['status', 'trapped_item_id'])
        .where('id', '=', holdId)
        .executeTakeFirstOrThrow();
      expect(hold).toEqual({ status: 'waiting', trapped_item_id: null });
      expect(await itemOf(item.id)).toMatchObject({ status: 'on_loan' });
    });

    it('sends an item held for another branch in transit, and records where', async () => {
      const east = await buildBranch(scene.db, { time_zone: 'UTC', name: 'East Branch' });
      const { item } = await onlineLoan();
      const { holdId } = await placeHold(item.id, east.id);
      const checkIn = scene.desk('DESK-1').checkIn({
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS + HOUR_MS,
      });
      await scene.sendAndProcess([checkIn]);
      const outcome = await outcomeOf(checkIn.id);
      expect(outcome).toMatchObject({
        status: 'applied',
        codes: JSON.stringify(['TO_TRANSIT']),
        routed_to: 'transit',
        routed_hold_id: holdId,
        routed_branch_id: east.id,
      });
      expect(outcome.message).toContain(
        'Send it in transit to East Branch for the hold of HOP, G.',
      );
      const transits = await scene.db
        .selectFrom('transits')
        .select(['to_branch_id', 'hold_id', 'received_at', 'sent_by'])
        .where('item_id', '=', item.id)
        .execute();
      expect(transits).toEqual([
        {
          to_branch_id: east.id,
          hold_id: holdId,
          received_at: null,
          sent_by: scene.library.staff.id,
        },
      ]);
      expect(await itemOf(item.id)).toMatchObject({ status: 'in_transit' });
    });

    it('sends an item of another branch home, and leaves one re-lent later in the batch alone', async () => {
      const west = await buildBranch(scene.db, { time_zone: 'UTC', name: 'West Branch' });
      const away = await onlineLoan(undefined, west.id);
      const relent = await onlineLoan(undefined, west.id);
      const desk = scene.desk('DESK-1');
      const backHome = desk.checkIn({
        itemBarcode: away.item.barcode,
        occurredAt: OUTAGE_START_MS,
      });
      const returned = desk.checkIn({
        itemBarcode: relent.item.barcode,
        occurredAt: OUTAGE_START_MS + 1,
      });
      const lentAgain = desk.checkOut({
        patronBarcode: away.patron.barcode,
        itemBarcode: relent.item.barcode,
        occurredAt: OUTAGE_START_MS + 2,
      });
      await scene.sendAndProcess([backHome, returned, lentAgain]);
      expect(await outcomeOf(backHome.id)).toMatchObject({
        codes: JSON.stringify(['TO_TRANSIT']),
        routed_to: 'transit',
        routed_hold_id: null,
        routed_branch_id: west.id,
      });
      expect((await outcomeOf(backHome.id)).message).toContain('West Branch, its home branch');
      expect(await outcomeOf(returned.id)).toMatchObject({ status: 'applied', routed_to: null });
      expect(await itemOf(relent.item.id)).toMatchObject({ status: 'on_loan' });
    });

    it('leaves a loan made online after the offline check-in (LENT_AGAIN_LATER)', async () => {
      const { item, loanId } = await onlineLoan(OUTAGE_START_MS + 2 * HOUR_MS);
      const checkIn = scene.desk('DESK-1').checkIn({
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS + HOUR_MS,
      });
      await scene.sendAndProcess([checkIn]);
      expect(await outcomeOf(checkIn.id)).toMatchObject({
        status: 'noted',
        codes: JSON.stringify(['LENT_AGAIN_LATER']),
      });
      expect(await loanOf(loanId)).toMatchObject({ returned_at: null });
    });

    it('changes nothing when the item was checked in online after it (RETURNED_LATER)', async () => {
      const { item, loanId } = await onlineLoan();
      await scene.db
        .updateTable('loans')
        .set({ returned_at: OUTAGE_START_MS + 2 * HOUR_MS })
        .where('id', '=', loanId)
        .execute();
      await scene.db
        .updateTable('items')
        .set({ status: 'available' })
        .where('id', '=', item.id)
        .execute();
      const checkIn = scene.desk('DESK-1').checkIn({
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS + HOUR_MS,
      });
      await scene.sendAndProcess([checkIn]);
      expect(await outcomeOf(checkIn.id)).toMatchObject({
        status: 'noted',
        codes: JSON.stringify(['RETURNED_LATER']),
      });
      expect(await loanOf(loanId)).toMatchObject({ returned_at: OUTAGE_START_MS + 2 * HOUR_MS });
    });

    it('applies a check-in of an item not on loan with a warning, finding a lost item', async () => {
      const item = await scene.library.item({ status: 'lost' });
      const checkIn = scene.desk('DESK-1').checkIn({
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS,
      });
      await scene.sendAndProcess([checkIn]);
      expect(await outcomeOf(checkIn.id)).toMatchObject({
        status: 'applied_with_warning',
        codes: JSON.stringify(['ITEM_NOT_ON_LOAN', 'ITEM_STATUS_LOST']),
      });
      expect(await itemOf(item.id)).toMatchObject({ status: 'available' });
    });
  });

  describe('renewal', () => {
    it('extends the loan to the due date the patron was told, recorded as an offline renewal', async () => {
      const { loanId, renewal, dueAt } = await renewable(2);
      await scene.sendAndProcess([renewal]);
      expect(await outcomeOf(renewal.id)).toMatchObject({ status: 'applied', codes: '[]' });
      expect(await loanOf(loanId)).toMatchObject({ due_at: dueAt, renewal_count: 1 });
      expect(await renewalsOf(loanId)).toEqual([
        {
          renewed_at: OUTAGE_START_MS + HOUR_MS,
          due_at: dueAt,
          source: 'offline',
          staff_user_id: scene.library.staff.id,
        },
      ]);
    });

    it('applies a renewal past the limit with a warning, or keeps it for a supervisor, as set', async () => {
      const warned = await renewable(0);
      await scene.sendAndProcess([warned.renewal]);
      expect(await outcomeOf(warned.renewal.id)).toMatchObject({
        status: 'applied_with_warning',
        codes: JSON.stringify(['RENEWAL_LIMIT_REACHED']),
      });
      expect(await loanOf(warned.loanId)).toMatchObject({ due_at: warned.dueAt });

      await setRefusal('exception');
      const held = await renewable(0);
      await scene.sendAndProcess([held.renewal]);
      expect(await outcomeOf(held.renewal.id)).toMatchObject({
        status: 'exception',
        codes: JSON.stringify(['RENEWAL_LIMIT_REACHED']),
      });
      expect(await loanOf(held.loanId)).toMatchObject({ renewal_count: 0 });
      expect(await renewalsOf(held.loanId)).toEqual([]);

      const supervisor = await buildStaffUser(scene.db, {
        branch_id: scene.library.branch.id,
        role: 'supervisor',
      });
      const reapplied = await reapplyException({
        db: scene.db,
        actor: { user: { id: supervisor.id } },
        transactionId: held.renewal.id,
        now: OUTAGE_START_MS + 2 * DAY_MS,
      });
      expect(reapplied.transaction.status).toBe('applied_with_warning');
      expect(await loanOf(held.loanId)).toMatchObject({ due_at: held.dueAt, renewal_count: 1 });
      expect(await renewalsOf(held.loanId)).toMatchObject([{ staff_user_id: supervisor.id }]);
    });

    it('applies a renewal past another patron’s hold with a warning, or keeps it, as set', async () => {
      const warned = await renewable(5);
      await placeHold(warned.item.id, scene.library.branch.id);
      await scene.sendAndProcess([warned.renewal]);
      expect(await outcomeOf(warned.renewal.id)).toMatchObject({
        status: 'applied_with_warning',
        codes: JSON.stringify(['RENEWAL_HOLD_WAITING']),
      });

      await setRefusal('exception');
      const held = await renewable(5);
      await placeHold(held.item.id, scene.library.branch.id);
      await scene.sendAndProcess([held.renewal]);
      expect(await outcomeOf(held.renewal.id)).toMatchObject({
        status: 'exception',
        codes: JSON.stringify(['RENEWAL_HOLD_WAITING']),
      });
      expect(await loanOf(held.loanId)).toMatchObject({
        due_at: OUTAGE_START_MS - 10 * DAY_MS + 21 * DAY_MS,
      });
    });

    it('keeps a later due date given online (RENEWED_LATER), and refuses another patron’s loan', async () => {
      const { loanId, renewal } = await renewable(5);
      const later = OUTAGE_START_MS + 40 * DAY_MS;
      await scene.db.updateTable('loans').set({ due_at: later }).where('id', '=', loanId).execute();
      const other = await onlineLoan();
      const stranger = await scene.library.patron();
      const notTheirs = scene.desk('DESK-2').renewal({
        patronBarcode: stranger.barcode,
        itemBarcode: other.item.barcode,
        dueAt: OUTAGE_START_MS + 21 * DAY_MS,
        occurredAt: OUTAGE_START_MS,
      });
      await scene.sendAndProcess([renewal, notTheirs]);
      expect(await outcomeOf(renewal.id)).toMatchObject({
        status: 'noted',
        codes: JSON.stringify(['RENEWED_LATER']),
      });
      expect(await loanOf(loanId)).toMatchObject({ due_at: later, renewal_count: 0 });
      expect(await outcomeOf(notTheirs.id)).toMatchObject({
        status: 'exception',
        codes: JSON.stringify(['NOT_ON_LOAN_TO_PATRON']),
      });
    });
  });

  describe('in-house use and exactly once', () => {
    it('adds the counts to the item, once however often the same transactions are sent', async () => {
      const { item, loanId, patron } = await onlineLoan();
      await buildLoanRule(scene.db, {
        patron_type_id: scene.library.patronType.id,
        material_type_id: scene.library.materialType.id,
      });
      const desk = scene.desk('DESK-1');
      const sent = [
        desk.inHouseUse({ itemBarcode: item.barcode, count: 3, occurredAt: OUTAGE_START_MS }),
        desk.inHouseUse({ itemBarcode: item.barcode, occurredAt: OUTAGE_START_MS + 1 }),
        desk.renewal({
          patronBarcode: patron.barcode,
          itemBarcode: item.barcode,
          dueAt: OUTAGE_START_MS + 21 * DAY_MS,
          occurredAt: OUTAGE_START_MS + 2,
        }),
        desk.checkIn({ itemBarcode: item.barcode, occurredAt: OUTAGE_START_MS + 3 }),
        desk.inHouseUse({ itemBarcode: 'NO-SUCH-ITEM', occurredAt: OUTAGE_START_MS + 4 }),
      ];
      await scene.sendAndProcess(sent);
      await scene.sendAndProcess(sent);
      expect(await itemOf(item.id)).toEqual({ status: 'available', in_house_uses: 4 });
      const detail = await lookupItem({ db: scene.db, itemBarcode: item.barcode });
      expect(detail).toMatchObject({ inHouseUses: 4, timesLent: 1 });
      expect(await loanOf(loanId)).toEqual({
        returned_at: OUTAGE_START_MS + 3,
        due_at: OUTAGE_START_MS + 21 * DAY_MS,
        renewal_count: 1,
      });
      const statuses = await Promise.all(sent.map(async (t) => (await outcomeOf(t.id)).status));
      expect(statuses).toEqual(['applied', 'applied', 'applied', 'applied', 'exception']);
      expect(
        await scene.db.selectFrom('renewals').select('id').where('loan_id', '=', loanId).execute(),
      ).toHaveLength(1);
    });
  });
});

import { expect, it } from 'vitest';
import { removeWorkstation } from '../commands/administration/workstations.ts';
import { dismissException } from '../commands/offlineExceptions.ts';
import { COMMAND_LINE_ACTOR } from '../db/auditLog.ts';
import { lookupItem } from '../commands/lookups.ts';
import { offlineReport } from '../db/offlineReport.ts';
import type { Database } from '../db/schema.ts';
import { OUTAGE_START_MS } from '../offline/fixtures.testing.ts';
import { offlineScenePerTest } from '../offline/scene.testing.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { buildBranch, buildWorkstation } from '../testing/factories.ts';
import type { Kysely } from 'kysely';
import { forgetOldLoanHistory } from './forgetOldLoanHistory.ts';
import { FORGOTTEN_PATRON } from './forgetPatron.ts';

const DAY_MS = 86_400_000;
/** When the job runs in these tests: thirty-odd days after the outage the offline loans are from. */
const NOW = OUTAGE_START_MS + 100 * DAY_MS;

const loanIdsOf = async (db: Kysely<Database>, itemId: number) =>
  (
    await db.selectFrom('loans').select('id').where('item_id', '=', itemId).orderBy('id').execute()
  ).map((r) => r.id);

describeEachEngine('forgetOldLoanHistory', (engine) => {
  const scene = offlineScenePerTest(engine, { receivedAt: OUTAGE_START_MS });

  const keepDays = (days: number | null) =>
    scene.db.updateTable('library_settings').set({ loan_history_days: days }).execute();

  /** A loan of the item to the patron, returned `returnedDaysAgo` days before NOW (null: open). */
  async function loan(props: {
    itemId: number;
    patronId: number;
    returnedDaysAgo: number | null;
    renewals?: number;
  }) {
    const checkedOutAt = NOW - 200 * DAY_MS;
    const row = await scene.db
      .insertInto('loans')
      .values({
        item_id: props.itemId,
        patron_id: props.patronId,
        checked_out_at: checkedOutAt,
        due_at: checkedOutAt + 21 * DAY_MS,
        returned_at: props.returnedDaysAgo === null ? null : NOW - props.returnedDaysAgo * DAY_MS,
        branch_id: scene.library.branch.id,
        staff_user_id: scene.library.staff.id,
        workstation_id: null,
        source: 'online',
        renewal_count: props.renewals ?? 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let n = 0; n < (props.renewals ?? 0); n++) {
      await scene.db
        .insertInto('renewals')
        .values({
          loan_id: row.id,
          renewed_at: checkedOutAt + (n + 1) * DAY_MS,
          previous_due_at: row.due_at,
          due_at: row.due_at + DAY_MS,
          staff_user_id: scene.library.staff.id,
          workstation_id: null,
          source: 'online',
          overridden_code: n === 0 ? 'RENEWAL_LIMIT_REACHED' : null,
          override_reason: n === 0 ? 'Patron in hospital' : null,
        })
        .execute();
    }
    return row;
  }

  /** Read back: on SQLite the trigger links the title after the insert that returned the item. */
  const titleOf = async (itemId: number) =>
    (
      await scene.db
        .selectFrom('items')
        .select('title_id')
        .where('id', '=', itemId)
        .executeTakeFirstOrThrow()
    ).title_id as number;

  it('moves returned loans past the setting to aged loans without the patron, keeping counts', async () => {
    const { db, library } = scene;
    const patron = await library.patron();
    const item = await library.item();
    const old = await loan({
      itemId: item.id,
      patronId: patron.id,
      returnedDaysAgo: 31,
      renewals: 2,
    });
    const alsoOld = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: 45 });
    const recent = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: 29 });
    const open = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: null });
    const recentRenewed = await loan({
      itemId: (await library.item()).id,
      patronId: patron.id,
      returnedDaysAgo: 1,
      renewals: 1,
    });
    const hold = await db
      .insertInto('holds')
      .values({
        patron_id: patron.id,
        title_id: await titleOf(item.id),
        item_id: null,
        pickup_branch_id: library.branch.id,
        placed_at: NOW - 300 * DAY_MS,
        placed_by: null,
        placed_at_workstation_id: null,
        status: 'fulfilled',
        suspended_until: null,
        trapped_item_id: item.id,
        trapped_at: NOW - 210 * DAY_MS,
        shelf_expires_on: null,
        // Ended recently: kept, so only its pointer to the aging loan goes.
        ended_at: NOW - 2 * DAY_MS,
        ended_by: null,
        fulfilled_loan_id: old.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await lookupItem({ db, itemBarcode: item.barcode });
    expect(before.timesLent).toBe(4);
    await keepDays(30);

    // One row per transaction: the batches follow each other until none is left.
    const forgotten = await forgetOldLoanHistory({ db, now: NOW, batchRows: 1 });

    expect(forgotten.loans).toBe(2);
    expect(await loanIdsOf(db, item.id)).toEqual([recent.id, open.id]);
    const aged = await db
      .selectFrom('aged_loans')
      .selectAll()
      .where('item_id', '=', item.id)
      .orderBy('id')
      .execute();
    expect(aged).toHaveLength(2);
    expect(aged[0]).toMatchObject({
      id: old.id,
      branch_id: library.branch.id,
      renewal_count: 2,
      source: 'online',
      staff_user_id: library.staff.id,
      aged_at: NOW,
    });
    expect(Number(aged[0]?.returned_at)).toBe(NOW - 31 * DAY_MS);
    expect(Number(aged[0]?.checked_out_at)).toBe(Number(old.checked_out_at));
    expect(aged[1]?.id).toBe(alsoOld.id);
    expect(Object.keys(aged[0] ?? {})).not.toContain('patron_id');
    // The renewals moved with their loan, the supervisor's override included.
    const agedRenewals = await db.selectFrom('aged_renewals').selectAll().orderBy('id').execute();
    expect(agedRenewals.map((r) => r.aged_loan_id)).toEqual([old.id, old.id]);
    expect(agedRenewals[0]).toMatchObject({
      overridden_code: 'RENEWAL_LIMIT_REACHED',
      override_reason: 'Patron in hospital',
    });
    const renewalsLeft = await db.selectFrom('renewals').select('loan_id').execute();
    expect(renewalsLeft.map((r) => r.loan_id)).toEqual([recentRenewed.id]);
    const keptHold = await db
      .selectFrom('holds')
      .select('fulfilled_loan_id')
      .where('id', '=', hold.id)
      .executeTakeFirstOrThrow();
    expect(keptHold.fulfilled_loan_id).toBeNull();
    // Nothing anywhere ties the patron to the aged loans: the patron's loans are the two kept.
    const patronLoans = await db
      .selectFrom('loans')
      .select('id')
      .where('patron_id', '=', patron.id)
      .orderBy('id')
      .execute();
    expect(patronLoans.map((r) => r.id)).toEqual([recent.id, open.id, recentRenewed.id]);
    const after = await lookupItem({ db, itemBarcode: item.barcode });
    expect(after.timesLent).toBe(4);

    // A second run finds nothing more to forget.
    expect(await forgetOldLoanHistory({ db, now: NOW })).toEqual({
      loans: 0,
      holds: 0,
      offlineTransactions: 0,
    });
  });

  it('keeps everything when the library keeps loan history forever', async () => {
    const { db, library } = scene;
    const patron = await library.patron();
    const item = await library.item();
    const ancient = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: 3650 });
    await keepDays(null);
    await scene.sendAndProcess([
      scene.desk('DESK-1').payment({
        patronBarcode: patron.barcode,
        amount: '2.00',
        occurredAt: OUTAGE_START_MS,
      }),
    ]);

    expect(await forgetOldLoanHistory({ db, now: NOW + 3650 * DAY_MS })).toEqual({
      loans: 0,
      holds: 0,
      offlineTransactions: 0,
    });
    expect(await loanIdsOf(db, item.id)).toEqual([ancient.id]);
    const transaction = await db
      .selectFrom('offline_transactions')
      .select(['patron_barcode', 'patron_forgotten_at'])
      .executeTakeFirstOrThrow();
    expect(transaction).toEqual({ patron_barcode: patron.barcode, patron_forgotten_at: null });
  });

  it('forgets at once after the return when the setting is 0 days, never an open loan', async () => {
    const { db, library } = scene;
    const patron = await library.patron();
    const item = await library.item();
    const returnedNow = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: 0 });
    const open = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: null });
    await keepDays(0);

    // A moment before the return nothing is due; at the return itself it goes.
    expect((await forgetOldLoanHistory({ db, now: NOW - 1 })).loans).toBe(0);
    expect((await forgetOldLoanHistory({ db, now: NOW })).loans).toBe(1);
    expect(await loanIdsOf(db, item.id)).toEqual([open.id]);
    const aged = await db.selectFrom('aged_loans').select('id').execute();
    expect(aged.map((r) => r.id)).toEqual([returnedNow.id]);
  });

  it('deletes ended holds past the setting, unless a transit still carries the item for one', async () => {
    const { db, library } = scene;
    const patron = await library.patron();
    const item = await library.item();
    const titleId = await titleOf(item.id);
    const elsewhere = await buildBranch(db);
    const hold = (status: 'waiting' | 'cancelled' | 'expired', endedDaysAgo: number | null) =>
      db
        .insertInto('holds')
        .values({
          patron_id: patron.id,
          title_id: titleId,
          item_id: null,
          pickup_branch_id: library.branch.id,
          placed_at: NOW - 400 * DAY_MS,
          placed_by: null,
          placed_at_workstation_id: null,
          status,
          suspended_until: null,
          trapped_item_id: null,
          trapped_at: null,
          shelf_expires_on: null,
          ended_at: endedDaysAgo === null ? null : NOW - endedDaysAgo * DAY_MS,
          ended_by: null,
          fulfilled_loan_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((row) => row.id);
    const waiting = await hold('waiting', null);
    const cancelledLongAgo = await hold('cancelled', 40);
    const expiredLongAgo = await hold('expired', 31);
    const cancelledRecently = await hold('cancelled', 3);
    const stillTravelling = await hold('cancelled', 60);
    const transit = (holdId: number, receivedDaysAgo: number | null) =>
      db
        .insertInto('transits')
        .values({
          item_id: item.id,
          from_branch_id: elsewhere.id,
          to_branch_id: library.branch.id,
          reason: 'hold',
          hold_id: holdId,
          sent_at: NOW - 70 * DAY_MS,
          sent_by: null,
          received_at: receivedDaysAgo === null ? null : NOW - receivedDaysAgo * DAY_MS,
          received_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((row) => row.id);
    const received = await transit(cancelledLongAgo, 50);
    await transit(stillTravelling, null);
    await keepDays(30);

    const forgotten = await forgetOldLoanHistory({ db, now: NOW, batchRows: 1 });

    expect(forgotten.holds).toBe(2);
    const left = await db.selectFrom('holds').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual([waiting, cancelledRecently, stillTravelling]);
    expect(left.map((r) => r.id)).not.toContain(expiredLongAgo);
    const receivedTransit = await db
      .selectFrom('transits')
      .select(['hold_id', 'received_at'])
      .where('id', '=', received)
      .executeTakeFirstOrThrow();
    expect(receivedTransit.hold_id).toBeNull();
    expect(Number(receivedTransit.received_at)).toBe(NOW - 50 * DAY_MS);
  });

  it('clears the patron from settled offline transactions, and the report still reads', async () => {
    const { db, library } = scene;
    const desk = scene.desk('DESK-1');
    const patron = await library.patron();
    const before = await library.patron();
    const item = await library.item();
    const other = await library.item();
    // The item was on loan to `before`: the offline check-out checks it in from them first.
    await loan({ itemId: item.id, patronId: before.id, returnedDaysAgo: null });
    const lent = desk.checkOut({
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      occurredAt: OUTAGE_START_MS,
    });
    const unknownCard = desk.checkOut({
      patronBarcode: '29999999999999',
      itemBarcode: other.barcode,
      occurredAt: OUTAGE_START_MS + 1000,
    });
    await scene.sendAndProcess([lent, unknownCard]);
    const processed = await db
      .selectFrom('offline_transactions')
      .selectAll()
      .where('id', '=', lent.id)
      .executeTakeFirstOrThrow();
    expect(processed.previous_patron_barcode).toBe(before.barcode);
    expect(processed.message).toContain(patron.barcode);
    const loanId = processed.loan_id as number;
    // The loan the offline check-out made comes back and is returned long ago too.
    await db
      .updateTable('loans')
      .set({ returned_at: OUTAGE_START_MS + DAY_MS })
      .where('id', '=', loanId)
      .execute();
    await keepDays(30);

    const forgotten = await forgetOldLoanHistory({ db, now: NOW });

    expect(forgotten.offlineTransactions).toBe(1);
    const scrubbed = await db
      .selectFrom('offline_transactions')
      .selectAll()
      .where('id', '=', lent.id)
      .executeTakeFirstOrThrow();
    expect(scrubbed.patron_barcode).toBeNull();
    expect(scrubbed.previous_patron_barcode).toBeNull();
    expect(Number(scrubbed.patron_forgotten_at)).toBe(NOW);
    expect(scrubbed.loan_id).toBeNull();
    expect(JSON.parse(scrubbed.payload)).toMatchObject({
      patronBarcode: null,
      itemBarcode: item.barcode,
    });
    for (const text of [scrubbed.payload, scrubbed.message ?? '']) {
      expect(text).not.toContain(patron.barcode);
      expect(text).not.toContain(before.barcode);
    }
    expect(scrubbed.message).toContain(FORGOTTEN_PATRON);
    expect(scrubbed.message).toContain(item.barcode);
    // The loan it made is an aged loan under the same id.
    const aged = await db.selectFrom('aged_loans').select('id').execute();
    expect(aged.map((r) => r.id)).toContain(loanId);

    // The exception is not settled: it keeps its barcode for the supervisor.
    const exception = await db
      .selectFrom('offline_transactions')
      .select(['status', 'patron_barcode', 'patron_forgotten_at'])
      .where('id', '=', unknownCard.id)
      .executeTakeFirstOrThrow();
    expect(exception).toEqual({
      status: 'exception',
      patron_barcode: '29999999999999',
      patron_forgotten_at: null,
    });

    const report = await offlineReport(
      db,
      {},
      { limit: 10, offset: 0 },
      { previousBorrowers: true },
    );
    const row = report.transactions.find((t) => t.id === lent.id);
    expect(row).toMatchObject({
      patronBarcode: null,
      patronName: null,
      previousPatronBarcode: null,
      patronForgotten: true,
      status: processed.status,
    });
    expect(report.transactions.find((t) => t.id === unknownCard.id)).toMatchObject({
      patronBarcode: '29999999999999',
      patronForgotten: false,
    });
  });

  it('counts a resolved exception from the supervisor’s decision, not from processing', async () => {
    const { db, library } = scene;
    const desk = scene.desk('DESK-1');
    const item = await library.item();
    const unknownCard = desk.checkOut({
      patronBarcode: '29999999999999',
      itemBarcode: item.barcode,
      occurredAt: OUTAGE_START_MS,
    });
    await scene.sendAndProcess([unknownCard]);
    await keepDays(30);
    const dismissedAt = NOW;
    await dismissException({
      db,
      actor: { user: { id: library.staff.id } },
      transactionId: unknownCard.id,
      reason: 'Card 29999999999999 was never issued',
      now: dismissedAt,
    });

    // Processed 100 days ago, but dismissed today: kept for another 30 days.
    expect(
      (await forgetOldLoanHistory({ db, now: dismissedAt + DAY_MS })).offlineTransactions,
    ).toBe(0);
    expect(
      (await forgetOldLoanHistory({ db, now: dismissedAt + 30 * DAY_MS })).offlineTransactions,
    ).toBe(1);
    const row = await db
      .selectFrom('offline_transactions')
      .select(['patron_barcode', 'payload', 'message'])
      .where('id', '=', unknownCard.id)
      .executeTakeFirstOrThrow();
    expect(row.patron_barcode).toBeNull();
    expect(row.payload).not.toContain('29999999999999');
    expect(row.message ?? '').not.toContain('29999999999999');
    const action = await db
      .selectFrom('offline_exception_actions')
      .select(['action', 'reason'])
      .where('transaction_id', '=', unknownCard.id)
      .executeTakeFirstOrThrow();
    expect(action).toEqual({
      action: 'dismissed',
      reason: `Card ${FORGOTTEN_PATRON} was never issued`,
    });
  });

  it('keeps the workstation of an aged loan from being removed', async () => {
    const { db, library } = scene;
    const station = await buildWorkstation(db, { branch_id: library.branch.id });
    const patron = await library.patron();
    const item = await library.item();
    const row = await loan({ itemId: item.id, patronId: patron.id, returnedDaysAgo: 40 });
    await db
      .updateTable('loans')
      .set({ workstation_id: station.id })
      .where('id', '=', row.id)
      .execute();
    await keepDays(30);
    await forgetOldLoanHistory({ db, now: NOW });
    const aged = await db
      .selectFrom('aged_loans')
      .select('workstation_id')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(aged.workstation_id).toBe(station.id);
    const removing = removeWorkstation({ db, actor: COMMAND_LINE_ACTOR, at: NOW, id: station.id });
    await expect(removing).rejects.toMatchObject({ code: 'IN_USE' });
  });
});

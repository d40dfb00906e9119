import { expect, it } from 'vitest';
import { listExceptions } from '../db/offlineExceptionList.ts';
import { CircaError } from '../errors.ts';
import { OUTAGE_START_MS } from '../offline/fixtures.testing.ts';
import { offlineScenePerTest } from '../offline/scene.testing.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { buildStaffUser } from '../testing/factories.ts';
import { dismissException, reapplyException } from './offlineExceptions.ts';

/** Reads as a supervisor does: previous borrowers included. */
const AS_SUPERVISOR = { previousBorrowers: true };

const MINUTE_MS = 60_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;

describeEachEngine('offline exceptions', (engine) => {
  const scene = offlineScenePerTest(engine, { receivedAt: at(600) });
  const { desk } = scene;
  const staff = () => ({ user: { id: scene.library.staff.id } });
  /** How many exceptions the supervisors' queue lists as open. */
  const openExceptionCount = async () =>
    (
      await listExceptions({
        db: scene.db,
        state: 'open',
        limit: 10,
        offset: 0,
        reader: AS_SUPERVISOR,
      })
    ).total;

  it('re-applies an exception with a corrected barcode, and records who did it', async () => {
    const supervisor = await buildStaffUser(scene.db, {
      branch_id: scene.library.branch.id,
      role: 'supervisor',
    });
    const patron = await scene.library.patron();
    const item = await scene.library.item();
    const scan = desk('DESK-1').checkOut({
      patronBarcode: `${patron.barcode}9`,
      itemBarcode: item.barcode,
      occurredAt: at(1),
    });
    await scene.sendAndProcess([scan]);
    expect(await openExceptionCount()).toBe(1);

    const still = await reapplyException({
      db: scene.db,
      actor: { user: { id: supervisor.id } },
      transactionId: scan.id,
      patronBarcode: 'STILL-WRONG',
      now: at(700),
    });
    expect(still.transaction.status).toBe('exception');

    const fixed = await reapplyException({
      db: scene.db,
      actor: { user: { id: supervisor.id } },
      transactionId: scan.id,
      patronBarcode: ` ${patron.barcode} `,
      now: at(710),
    });
    expect(fixed.transaction).toMatchObject({ status: 'applied', patron_barcode: patron.barcode });
    const loan = await scene.db
      .selectFrom('loans')
      .selectAll()
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(loan).toMatchObject({
      patron_id: patron.id,
      checked_out_at: at(1),
      id: fixed.transaction.loan_id,
    });
    // The recorded scan is kept as it was.
    const stored = await scene.db
      .selectFrom('offline_transactions')
      .select('payload')
      .where('id', '=', scan.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.payload).patronBarcode).toBe(`${patron.barcode}9`);

    expect(await openExceptionCount()).toBe(0);
    const history = await listExceptions({
      db: scene.db,
      state: 'all',
      limit: 10,
      offset: 0,
      reader: AS_SUPERVISOR,
    });
    expect(
      history.exceptions[0]!.actions.map((a) => [a.action, a.patronBarcode, a.staff.id, a.at]),
    ).toEqual([
      ['reapplied', 'STILL-WRONG', supervisor.id, at(700)],
      ['reapplied', patron.barcode, supervisor.id, at(710)],
    ]);

    await expect(
      reapplyException({ db: scene.db, actor: staff(), transactionId: scan.id, now: at(720) }),
    ).rejects.toMatchObject({ code: 'EXCEPTION_ALREADY_RESOLVED', status: 409 });
  });

  it('applies an exception again as recorded, with no barcode corrected', async () => {
    const scan = desk('DESK-1').checkIn({ itemBarcode: 'GONE', occurredAt: at(1) });
    await scene.sendAndProcess([scan]);
    const again = await reapplyException({
      db: scene.db,
      actor: staff(),
      transactionId: scan.id,
      now: at(700),
    });
    expect(again.transaction).toMatchObject({ status: 'exception', item_barcode: 'GONE' });
    expect(again.decision.outcome).toBe('exception');
  });

  it('dismisses an exception only with a reason, and records it', async () => {
    const scan = desk('DESK-1').checkIn({ itemBarcode: 'GONE', occurredAt: at(1) });
    await scene.sendAndProcess([scan]);
    const blank = dismissException({
      db: scene.db,
      actor: staff(),
      transactionId: scan.id,
      reason: '  ',
      now: at(700),
    });
    await expect(blank).rejects.toBeInstanceOf(CircaError);
    await expect(blank).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    expect(await openExceptionCount()).toBe(1);

    const dismissed = await dismissException({
      db: scene.db,
      actor: staff(),
      transactionId: scan.id,
      reason: 'Withdrawn copy, discarded',
      now: at(700),
    });
    expect(dismissed.status).toBe('dismissed');
    const history = await listExceptions({
      db: scene.db,
      state: 'all',
      limit: 10,
      offset: 0,
      reader: AS_SUPERVISOR,
    });
    expect(history.exceptions[0]!.actions).toEqual([
      expect.objectContaining({
        action: 'dismissed',
        reason: 'Withdrawn copy, discarded',
        at: at(700),
      }),
    ]);
    await expect(
      dismissException({
        db: scene.db,
        actor: staff(),
        transactionId: 'no-such-id',
        reason: 'x',
        now: 1,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

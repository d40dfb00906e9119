import { beforeEach, expect, it } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { buildWorkstation } from '../testing/factories.ts';
import { OUTAGE_START_MS } from './fixtures.testing.ts';
import { offlineScenePerTest } from './scene.testing.ts';

const MINUTE_MS = 60_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;

describeEachEngine('offline registrations and Lend anyway', (engine) => {
  const scene = offlineScenePerTest(engine, { receivedAt: at(600) });
  beforeEach(async () => {
    await scene.db
      .updateTable('patron_types')
      .set({ card_months: 12 })
      .where('id', '=', scene.library.patronType.id)
      .execute();
    for (const name of ['DESK-A', 'DESK-B']) {
      await buildWorkstation(scene.db, { name, branch_id: scene.library.branch.id });
    }
  });
  const desk = scene.desk;
  const send = (transactions: OfflineTransaction[]) => scene.sendAndProcess(transactions);

  const outcomeOf = (id: string) =>
    scene.db
      .selectFrom('offline_transactions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const patronWithCard = (barcode: string) =>
    scene.db.selectFrom('patrons').selectAll().where('barcode', '=', barcode).executeTakeFirst();
  const loansOf = (itemId: number) =>
    scene.db.selectFrom('loans').selectAll().where('item_id', '=', itemId).execute();

  const registerAda = (station: ReturnType<typeof desk>, minutes: number, card = 'NEW-1') =>
    station.register({
      patronBarcode: card,
      name: 'Ada Lovelace',
      patronTypeCode: scene.library.patronType.code,
      email: 'ada@example.org',
      occurredAt: at(minutes),
    });

  it('registers the patron and lends to the new card in one send from one workstation', async () => {
    const a = desk('DESK-A');
    const item = await scene.library.item();
    const registration = registerAda(a, 1);
    const loan = a.checkOut({
      patronBarcode: 'NEW-1',
      itemBarcode: item.barcode,
      occurredAt: at(2),
    });
    await send([registration, loan]);

    const patron = await patronWithCard('NEW-1');
    expect(patron).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      patron_type_id: scene.library.patronType.id,
      home_branch_id: scene.library.branch.id,
      expires_on: '2027-03-02',
      block_reason: null,
    });
    expect(await outcomeOf(registration.id)).toMatchObject({
      status: 'applied',
      created_patron_id: patron?.id,
      message: 'Patron Ada Lovelace registered with card NEW-1.',
    });
    expect(await outcomeOf(loan.id)).toMatchObject({ status: 'applied' });
    expect(await loansOf(item.id)).toMatchObject([{ patron_id: patron?.id, returned_at: null }]);
  });

  it('applies, once, a loan from another workstation processed before the registration arrived', async () => {
    const a = desk('DESK-A');
    const b = desk('DESK-B');
    const item = await scene.library.item();
    const registration = registerAda(a, 1);
    const loan = b.checkOut({
      patronBarcode: 'NEW-1',
      itemBarcode: item.barcode,
      occurredAt: at(5),
    });
    await send([loan]);
    expect(await outcomeOf(loan.id)).toMatchObject({
      status: 'exception',
      outcome: 'UNKNOWN_PATRON',
    });

    await send([registration]);
    const patron = await patronWithCard('NEW-1');
    const row = await outcomeOf(loan.id);
    expect(row).toMatchObject({ status: 'applied' });
    expect(row.message).toContain(
      'Processed again when the registration of card NEW-1 was applied.',
    );
    expect(await loansOf(item.id)).toMatchObject([{ patron_id: patron?.id }]);

    // Sending both again changes nothing: each was applied exactly once.
    await send([registration, loan]);
    expect(await loansOf(item.id)).toHaveLength(1);
    expect(
      await scene.db
        .selectFrom('patrons')
        .select('id')
        .where('name', '=', 'Ada Lovelace')
        .execute(),
    ).toHaveLength(1);
  });

  it('holds a registration whose card is in use, and the loans on that card with it', async () => {
    const owner = await scene.library.patron({ barcode: 'NEW-1', name: 'Charles Babbage' });
    const a = desk('DESK-A');
    const item = await scene.library.item();
    const registration = registerAda(a, 1);
    const loan = a.checkOut({
      patronBarcode: 'NEW-1',
      itemBarcode: item.barcode,
      occurredAt: at(2),
    });
    await send([registration, loan]);

    expect(await outcomeOf(registration.id)).toMatchObject({
      status: 'exception',
      outcome: 'BARCODE_IN_USE',
      created_patron_id: null,
    });
    expect(await outcomeOf(loan.id)).toMatchObject({
      status: 'exception',
      outcome: 'WAITING_FOR_REGISTRATION',
    });
    expect(await loansOf(item.id)).toEqual([]);
    expect((await patronWithCard('NEW-1'))?.id).toBe(owner.id);

    // A later loan on that card from another send waits too, never lent to the card's owner.
    const later = desk('DESK-B').checkOut({
      patronBarcode: 'NEW-1',
      itemBarcode: (await scene.library.item()).barcode,
      occurredAt: at(9),
    });
    await send([later]);
    expect(await outcomeOf(later.id)).toMatchObject({ outcome: 'WAITING_FOR_REGISTRATION' });
  });

  it('holds a likely duplicate (same name, any case or spacing, and the same email)', async () => {
    await scene.library.patron({
      name: 'ada  LOVELACE',
      email: 'ADA@example.org',
      barcode: 'OLD-1',
    });
    const registration = registerAda(desk('DESK-A'), 1);
    await send([registration]);
    const row = await outcomeOf(registration.id);
    expect(row).toMatchObject({ status: 'exception', outcome: 'LIKELY_DUPLICATE_PATRON' });
    expect(row.message).toContain('card OLD-1');
    expect(await patronWithCard('NEW-1')).toBeUndefined();
  });

  it('holds a registration naming a patron type the library does not have', async () => {
    const registration = desk('DESK-A').register({
      patronBarcode: 'NEW-1',
      name: 'Ada Lovelace',
      patronTypeCode: 'NOPE',
      phone: '555 0100',
      occurredAt: at(1),
    });
    await send([registration]);
    expect(await outcomeOf(registration.id)).toMatchObject({ outcome: 'UNKNOWN_PATRON_TYPE' });
  });

  it('applies a Lend anyway loan with a warning and lists it for supervisors', async () => {
    const patron = await scene.library.patron({ block_reason: 'Unpaid fines' });
    const item = await scene.library.item();
    const loan = desk('DESK-A').checkOut({
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      occurredAt: at(1),
      lentAnyway: { reason: 'blocked', listMadeAt: at(1) - 26 * 60 * MINUTE_MS },
    });
    await send([loan]);
    const row = await outcomeOf(loan.id);
    expect(row).toMatchObject({ status: 'applied_with_warning', supervisor_review: 1 });
    expect(JSON.parse(row.codes ?? '[]')).toContain('LENT_ANYWAY');
    expect(row.message).toContain('the block list, 26 hours old, listed the card as blocked');
    expect(await loansOf(item.id)).toHaveLength(1);
  });

  it('holds a Lend anyway loan for a supervisor when the library holds such loans', async () => {
    await scene.db
      .updateTable('library_settings')
      .set({ offline_override_policy: 'hold' })
      .where('id', '=', 1)
      .execute();
    const patron = await scene.library.patron();
    const item = await scene.library.item();
    const loan = desk('DESK-A').checkOut({
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      occurredAt: at(1),
      lentAnyway: { reason: 'expired', listMadeAt: at(0) },
    });
    await send([loan]);
    expect(await outcomeOf(loan.id)).toMatchObject({
      status: 'exception',
      outcome: 'HELD_FOR_SUPERVISOR',
      supervisor_review: 1,
    });
    expect(await loansOf(item.id)).toEqual([]);
  });
});

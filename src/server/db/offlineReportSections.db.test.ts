import { expect, it } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { OUTAGE_START_MS } from '../offline/fixtures.testing.ts';
import { receiveOfflineUpload } from '../offline/receive.ts';
import { offlineScenePerTest } from '../offline/scene.testing.ts';
import { reportCsvLines } from '../presenters/offlineReportCsv.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { buildBranch, buildHold, titleOf } from '../testing/factories.ts';
import { offlineReport } from './offlineReport.ts';

const AS_SUPERVISOR = { previousBorrowers: true };
const AS_DESK = { previousBorrowers: false };
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;
const PAGE = { limit: 100, offset: 0 };

describeEachEngine('offline report sections', (engine) => {
  const scene = offlineScenePerTest(engine, { receivedAt: at(600) + DAY_MS });

  /** Stores the transactions as the desk sent them, without processing them. */
  async function send(transactions: OfflineTransaction[]) {
    const { db, library } = scene;
    return receiveOfflineUpload({
      db,
      actor: { user: { id: library.staff.id }, workstation: { name: 'DESK-1' } },
      source: 'client',
      transactions,
      now: at(600) + DAY_MS,
    });
  }

  it('lists the items for the hold shelf and transit, new patrons, and what each type did', async () => {
    const { db, library } = scene;
    const east = await buildBranch(db, { code: 'EAST', name: 'East Branch', time_zone: 'UTC' });
    const ada = await library.patron({ name: 'Ada Reader' });
    const bob = await library.patron({ name: 'Bob Smith' });
    const returner = await library.patron({ name: 'Cleo Returner' });
    const [trapped, sent, renewed, used] = [
      await library.item({ title: 'Trapped book' }),
      await library.item({ title: 'Travelling book' }),
      await library.item(),
      await library.item(),
    ];
    const hold = async (patronId: number, itemId: number, branchId: number) =>
      buildHold(db, {
        patron_id: patronId,
        title_id: await titleOf(db, itemId),
        pickup_branch_id: branchId,
        placed_at: at(-1000),
        status: 'on_shelf',
        trapped_item_id: itemId,
        trapped_at: at(2),
      });
    const adaHold = await hold(ada.id, trapped.id, library.branch.id);
    const bobHold = await hold(bob.id, sent.id, east.id);

    const desk = scene.desk('DESK-1');
    const trap = desk.checkIn({ itemBarcode: trapped.barcode, occurredAt: at(1) });
    const transit = desk.checkIn({
      itemBarcode: sent.barcode,
      occurredAt: at(2),
      returnedOn: '2026-03-01',
    });
    const registrationBase = desk.checkIn({ itemBarcode: 'UNUSED', occurredAt: at(3) });
    const registration: OfflineTransaction = {
      ...registrationBase,
      type: 'registration',
      patronBarcode: 'NEW-CARD-1',
      name: 'Dora New',
      patronTypeCode: library.patronType.code,
      email: 'dora@example.org',
    };
    const lentAnyway = desk.checkOut({
      patronBarcode: ada.barcode,
      itemBarcode: renewed.barcode,
      occurredAt: at(4),
      lentAnyway: { reason: 'blocked', listMadeAt: at(-60) },
    });
    const renewalBase = desk.checkOut({
      patronBarcode: ada.barcode,
      itemBarcode: renewed.barcode,
      occurredAt: at(5),
    });
    const renewal: OfflineTransaction = { ...renewalBase, type: 'renewal' };
    const inHouseBase = desk.checkIn({ itemBarcode: used.barcode, occurredAt: at(6) });
    const inHouse: OfflineTransaction = { ...inHouseBase, type: 'in_house_use', count: 3 };
    const upload = await send([trap, transit, registration, lentAnyway, renewal, inHouse]);

    // What processing (parts P1 and P2) writes: where each check-in sent its item, whom it
    // checked in, and the patron the registration created.
    const dora = await library.patron({ name: 'Dora New', barcode: 'NEW-CARD-1' });
    const settle = (id: string, columns: Record<string, string | number | null>) =>
      db
        .updateTable('offline_transactions')
        .set({ status: 'applied', ...columns })
        .where('id', '=', id)
        .execute();
    await settle(trap.id, {
      routed_to: 'hold_shelf',
      routed_hold_id: adaHold.id,
      routed_branch_id: library.branch.id,
      previous_patron_barcode: returner.barcode,
    });
    await settle(transit.id, {
      routed_to: 'transit',
      routed_hold_id: bobHold.id,
      routed_branch_id: east.id,
    });
    await settle(registration.id, { created_patron_id: dora.id });

    const report = await offlineReport(db, { uploadId: upload.uploadId }, PAGE, AS_SUPERVISOR);
    expect(report.toHoldShelf).toEqual([
      {
        transactionId: trap.id,
        itemBarcode: trapped.barcode,
        itemTitle: 'Trapped book',
        routing: {
          to: 'hold_shelf',
          branchCode: library.branch.code,
          branchName: library.branch.name,
          patronShortName: 'REA, A.',
          holdId: adaHold.id,
        },
      },
    ]);
    expect(report.toTransit).toEqual([
      {
        transactionId: transit.id,
        itemBarcode: sent.barcode,
        itemTitle: 'Travelling book',
        routing: {
          to: 'transit',
          branchCode: 'EAST',
          branchName: 'East Branch',
          patronShortName: 'SMI, B.',
          holdId: bobHold.id,
        },
      },
    ]);
    expect(report.newPatrons).toEqual([
      { transactionId: registration.id, id: dora.id, barcode: 'NEW-CARD-1', name: 'Dora New' },
    ]);
    expect(report.lentAnyway).toBe(1);

    const byId = new Map(report.transactions.map((t) => [t.id, t]));
    expect(byId.get(trap.id)).toMatchObject({
      previousPatronBarcode: returner.barcode,
      previousPatronName: 'Cleo Returner',
      routing: { to: 'hold_shelf' },
      returnedOn: null,
    });
    expect(byId.get(transit.id)).toMatchObject({ returnedOn: '2026-03-01' });
    expect(byId.get(registration.id)).toMatchObject({
      type: 'registration',
      createdPatron: { id: dora.id, barcode: 'NEW-CARD-1', name: 'Dora New' },
    });
    expect(byId.get(lentAnyway.id)?.lentAnyway).toEqual({ reason: 'blocked', listMadeAt: at(-60) });
    expect(byId.get(renewal.id)).toMatchObject({ type: 'renewal', lentAnyway: null });
    expect(byId.get(inHouse.id)).toMatchObject({ type: 'in_house_use', count: 3 });

    // The lists are the same on the report of the day, and whatever the filters of the table.
    const onlyLentAnyway = await offlineReport(
      db,
      { day: '2026-03-02', review: 'lent_anyway' },
      PAGE,
      AS_SUPERVISOR,
    );
    expect(onlyLentAnyway.transactions.map((t) => t.id)).toEqual([lentAnyway.id]);
    expect(onlyLentAnyway.total).toBe(1);
    expect(onlyLentAnyway.toHoldShelf).toHaveLength(1);
    expect(onlyLentAnyway.toTransit).toHaveLength(1);
    expect(onlyLentAnyway.newPatrons).toHaveLength(1);

    // The CSV carries what each type carried.
    const csv: string[] = [];
    for await (const line of reportCsvLines(db, { uploadId: upload.uploadId }, AS_SUPERVISOR)) {
      csv.push(line);
    }
    expect(csv[0]).toMatch(/Returned on.*Uses.*Lent anyway.*Upload/);
    expect(csv.find((line) => line.includes(lentAnyway.id))).toContain(',blocked,');
    expect(csv.find((line) => line.includes(transit.id))).toContain(',2026-03-01,');
    expect(csv.find((line) => line.includes(inHouse.id))).toContain(',3,');

    // Who returned an item is borrowing history: the desk does not see it.
    const asDesk = await offlineReport(db, { uploadId: upload.uploadId }, PAGE, AS_DESK);
    expect(asDesk.transactions.find((t) => t.id === trap.id)).toMatchObject({
      previousPatronBarcode: null,
      previousPatronName: null,
    });
  });

  it('finds the transactions of a sending whose answer was lost, stored by the earlier upload', async () => {
    const item = await scene.library.item();
    const desk = scene.desk('DESK-1');
    const earlier = desk.checkIn({ itemBarcode: 'BEFORE', occurredAt: at(1) });
    await send([earlier]);
    const batch = [
      desk.checkIn({ itemBarcode: item.barcode, occurredAt: at(2) }),
      desk.checkIn({ itemBarcode: 'NONE-1', occurredAt: at(3) }),
      desk.checkIn({ itemBarcode: 'NONE-2', occurredAt: at(4) }),
    ];
    const lost = await send(batch);
    // The answer never came back, so the desk sends the same transactions again.
    const again = await send(batch);
    expect(again).toMatchObject({ stored: 0, duplicates: 3 });

    const ofTheSending = await offlineReport(
      scene.db,
      { workstation: 'DESK-1', fromSequence: 2, toSequence: 4 },
      PAGE,
      AS_SUPERVISOR,
    );
    expect(ofTheSending.transactions.map((t) => [t.id, t.uploadId])).toEqual(
      batch.map((t) => [t.id, lost.uploadId]),
    );
    expect(ofTheSending.summary.total).toBe(3);
  });
});

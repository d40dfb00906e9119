// The report a desk reaches from a sending whose first answer was lost: sent again, the same
// transactions make a second upload that stores none, and the report by workstation and sequence
// numbers still lists every one of them with the upload that stored it first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  OfflineReport,
  OfflineUploadDetail,
  OfflineUploadResult,
} from '../../../shared/api/offline.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
} from '../../offline/fixtures.testing.ts';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildItem, buildPatron } from '../../testing/factories.ts';

describeEachEngine('the report of one sending', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('lists what the sending carried, wherever it was first stored', async () => {
    const library = await buildOfflineLibrary(api.db);
    const patron = await buildPatron(api.db, {
      patron_type_id: library.patronType.id,
      home_branch_id: api.branch.id,
    });
    const items = await Promise.all(
      [1, 2, 3].map(() =>
        buildItem(api.db, { material_type_id: library.materialType.id, branch_id: api.branch.id }),
      ),
    );
    const desk = await api.signIn('sending-desk', 'circulation', { workstation: 'MAIN-DESK-7' });
    const ws = offlineWorkstation({
      name: 'MAIN-DESK-7',
      branchCode: 'MAIN',
      staffUsername: desk.user.username,
    });
    const before = ws.checkOut({
      patronBarcode: patron.barcode,
      itemBarcode: items[0]!.barcode,
      occurredAt: OUTAGE_START_MS,
    });
    const batch = items.slice(1).map((item, i) =>
      ws.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        occurredAt: OUTAGE_START_MS + (i + 1) * 60_000,
      }),
    );
    const post = async (transactions: unknown[]) => {
      const response = await desk.post('/api/offline/transactions', { transactions });
      expect(response.statusCode).toBe(200);
      return response.json<OfflineUploadResult>();
    };
    await post([before]);
    const first = await post(batch);
    // The answer to the first was lost: the desk sends the same two again.
    const again = await post(batch);
    expect(again).toMatchObject({ stored: 0, duplicates: 2, summary: { total: 2, applied: 2 } });

    const upload = await desk.get(`/api/offline/uploads/${again.uploadId}`);
    expect(upload.json<OfflineUploadDetail>().report.total).toBe(0);

    const sending = await desk.get('/api/offline/report?fromSequence=2&toSequence=3');
    expect(sending.statusCode).toBe(200);
    const report = sending.json<OfflineReport>();
    expect(report.transactions.map((t) => [t.sequence, t.uploadId])).toEqual([
      [2, first.uploadId],
      [3, first.uploadId],
    ]);
    expect(report.summary).toMatchObject({ total: 2, applied: 2 });

    const lentAnyway = await desk.get(`/api/offline/uploads/${first.uploadId}?review=lent_anyway`);
    expect(lentAnyway.statusCode).toBe(200);
    expect(lentAnyway.json<OfflineUploadDetail>().report).toMatchObject({
      total: 0,
      lentAnyway: 0,
      toHoldShelf: [],
      toTransit: [],
      newPatrons: [],
    });
  });
});

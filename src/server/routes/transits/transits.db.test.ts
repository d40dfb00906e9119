import { afterAll, beforeAll, expect, it } from 'vitest';
import { TransitList } from '../../../shared/api/holds.ts';
import { MONDAY_NOON_CHICAGO_MS } from '../../commands/circulationFixture.testing.ts';
import { buildHoldsDesk, type HoldsDesk } from '../../commands/holds/holdsDesk.testing.ts';
import { createTestClock, startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

describeEachEngine('transit API', (engine) => {
  let api: TestApi;
  let desk: HoldsDesk;
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(MONDAY_NOON_CHICAGO_MS) });
    desk = await buildHoldsDesk(api.db);
  });
  afterAll(() => api.dispose());

  it('asks for a session', async () => {
    expect((await api.anonymous().get('/api/transits')).statusCode).toBe(401);
  });

  it('lists an item going home as outgoing here and incoming there, until it is received', async () => {
    const main = await api.signIn('transit-main', 'circulation', { branchId: desk.main });
    const east = await api.signIn('transit-east', 'circulation', { branchId: desk.east });
    const { items } = await desk.copies(1, desk.east);
    const [item] = items;
    await desk.lend(item!.barcode);
    await main.post('/api/checkins', { itemBarcode: item!.barcode });

    const fromMain = TransitList.parse((await main.get('/api/transits')).json());
    expect(fromMain.branch.id).toBe(desk.main);
    expect(fromMain.outgoing).toEqual([
      expect.objectContaining({
        reason: 'home',
        item: { id: item!.id, barcode: item!.barcode, title: item!.title },
        fromBranch: expect.objectContaining({ id: desk.main }),
        toBranch: expect.objectContaining({ id: desk.east }),
        sentAt: MONDAY_NOON_CHICAGO_MS,
        receivedAt: null,
        holdId: null,
      }),
    ]);
    expect(fromMain.incoming.map((transit) => transit.item.id)).not.toContain(item!.id);
    const atEast = TransitList.parse((await east.get('/api/transits')).json());
    expect(atEast.incoming.map((transit) => transit.item.id)).toEqual([item!.id]);

    const received = await east.post('/api/checkins', { itemBarcode: item!.barcode });
    expect(received.json()).toMatchObject({ received: true, routing: { kind: 'shelve' } });
    expect(TransitList.parse((await east.get('/api/transits')).json()).incoming).toEqual([]);
    expect(TransitList.parse((await main.get('/api/transits')).json()).outgoing).toEqual([]);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildOfflineLibrary, offlineWorkstation, OUTAGE_START_MS } from './fixtures.testing.ts';
import { kickOfflineProcessing } from './processor.ts';
import { receiveOfflineUpload } from './receive.ts';

const now = () => OUTAGE_START_MS;

describeEachEngine('kickOfflineProcessing', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('answers each caller after a run that saw its upload, sharing runs between callers', async () => {
    const library = await buildOfflineLibrary(test.db);
    const ws = offlineWorkstation({
      name: 'KICK-1',
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
    });
    const send = (count: number) =>
      receiveOfflineUpload({
        db: test.db,
        actor: { user: { id: library.staff.id } },
        source: 'client',
        transactions: Array.from({ length: count }, (_, i) =>
          ws.checkIn({ itemBarcode: `NONE-${i}`, occurredAt: OUTAGE_START_MS + i }),
        ),
        now: OUTAGE_START_MS,
      });

    await send(5_000);
    const first = kickOfflineProcessing({ db: test.db, now });
    // Stored while the first run is under way (it may already have read its batches).
    const late = await send(3);
    const second = kickOfflineProcessing({ db: test.db, now });
    await second;
    const pending = await test.db
      .selectFrom('offline_transactions')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
    const runs = await Promise.all([first, second]);
    expect(runs[0].processed + runs[1].processed).toBe(5_003);
    expect(late.stored).toBe(3);
  });
});

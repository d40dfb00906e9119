// The invariant that makes offline mode safe: however an outbox reaches the server (split into
// several uploads, in any order, with repeats, processed in batches of any size), the loans and
// outcomes come out the same.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildOfflineLibrary, offlineWorkstation, OUTAGE_START_MS } from './fixtures.testing.ts';
import { processPendingOfflineTransactions } from './process.ts';
import { receiveOfflineUpload } from './receive.ts';

const PATRONS = 3;
const ITEMS = 4;

describeEachEngine('replaying offline uploads', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('leaves the same loans and outcomes whatever the split, order, repeats and batch size', async () => {
    const library = await buildOfflineLibrary(test.db);
    const patrons = await Promise.all(Array.from({ length: PATRONS }, () => library.patron()));
    const items = await Promise.all(Array.from({ length: ITEMS }, () => library.item()));
    const desks = ['REPLAY-A', 'REPLAY-B'].map((name, i) =>
      offlineWorkstation({
        name,
        branchCode: library.branch.code,
        staffUsername: library.staff.username,
        clockOffsetMs: i * 1_500,
      }),
    );
    const scans: OfflineTransaction[] = [];
    for (let i = 0; i < 24; i++) {
      const ws = desks[i % 2]!;
      const occurredAt = OUTAGE_START_MS + i * 1_000;
      const itemBarcode = i % 11 === 10 ? 'UNKNOWN-ITEM' : items[(i * 5) % ITEMS]!.barcode;
      scans.push(
        i % 6 === 5
          ? ws.checkIn({ itemBarcode, occurredAt })
          : ws.checkOut({ patronBarcode: patrons[i % PATRONS]!.barcode, itemBarcode, occurredAt }),
      );
    }

    const reset = async () => {
      await test.db.deleteFrom('offline_transactions').execute();
      await test.db.deleteFrom('offline_uploads').execute();
      await test.db.deleteFrom('loans').execute();
      await test.db.updateTable('items').set({ status: 'available' }).execute();
    };
    const state = async () => ({
      loans: await test.db
        .selectFrom('loans')
        .select(['item_id', 'patron_id', 'checked_out_at', 'due_at', 'returned_at'])
        .orderBy('checked_out_at')
        .orderBy('item_id')
        .execute(),
      outcomes: await test.db
        .selectFrom('offline_transactions')
        .select(['id', 'status', 'outcome', 'codes', 'message'])
        .orderBy('id')
        .execute(),
      items: await test.db.selectFrom('items').select(['id', 'status']).orderBy('id').execute(),
    });
    const send = (transactions: OfflineTransaction[]) =>
      receiveOfflineUpload({
        db: test.db,
        actor: { user: { id: library.staff.id } },
        source: 'client',
        transactions,
        now: OUTAGE_START_MS,
      });

    await reset();
    await send(scans);
    await processPendingOfflineTransactions({ db: test.db, now: () => OUTAGE_START_MS });
    const expected = await state();

    await fc.assert(
      fc.asyncProperty(
        // Each upload: some scans (repeats allowed), in any order.
        fc.array(fc.shuffledSubarray(scans, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        async (uploads, batchSize) => {
          await reset();
          for (const upload of uploads) await send(upload);
          await send(scans); // whatever no upload carried yet
          await processPendingOfflineTransactions({
            db: test.db,
            now: () => OUTAGE_START_MS,
            batchSize,
          });
          expect(await state()).toEqual(expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});

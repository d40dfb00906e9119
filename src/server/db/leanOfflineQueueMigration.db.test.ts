// Migration 0016 on a library with offline transactions already stored: processed and pending rows
// read the same afterwards, the exceptions queue still lists its rows, a late arrival is still
// noticed against what was processed before, and what was pending processes.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
} from '../offline/fixtures.testing.ts';
import { processPendingOfflineTransactions } from '../offline/process.ts';
import { receiveOfflineUpload } from '../offline/receive.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabaseMigratedTo, type UpgradableDatabase } from './migratedTo.testing.ts';
import { listExceptions } from './offlineExceptionList.ts';
import type { Database } from './schema.ts';

const MINUTE_MS = 60_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;

const allRows = (db: Kysely<Database>) =>
  db.selectFrom('offline_transactions').selectAll().orderBy('id').execute();

/** An outcome as the version before processing wrote it into the stored row. */
const outcome = (status: 'applied' | 'exception', message: string) => ({
  status,
  outcome: status === 'exception' ? ('UNKNOWN_ITEM' as const) : null,
  codes: status === 'exception' ? '["UNKNOWN_ITEM"]' : '[]',
  message,
  processed_at: at(601),
});

describeEachEngine('migration 0016 (lean offline queue)', (engine) => {
  let old: UpgradableDatabase;
  beforeEach(async () => {
    old = await openDatabaseMigratedTo(engine, '0015_offline_client_reports');
  });
  afterEach(() => old.dispose());

  it('keeps every stored transaction and the exceptions queue, and still notices a late arrival', async () => {
    const { db } = old;
    const library = await buildOfflineLibrary(db);
    const desk = offlineWorkstation({
      name: 'DESK-1',
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
    });
    const patron = await library.patron();
    const [first, second, third, late] = [
      await library.item(),
      await library.item(),
      await library.item(),
      await library.item(),
    ];
    const checkOut = (itemBarcode: string, minutes: number) =>
      desk.checkOut({ patronBarcode: patron.barcode, itemBarcode, occurredAt: at(minutes) });
    const applied = checkOut(first.barcode, 10);
    const exception = checkOut(second.barcode, 20);
    const pending = checkOut(third.barcode, 30);
    const send = (transactions: ReturnType<typeof checkOut>[]) =>
      receiveOfflineUpload({
        db,
        actor: { user: { id: library.staff.id } },
        source: 'client',
        transactions,
        now: at(600),
      });
    await send([applied, exception, pending]);
    // Two of them processed by the version before, which wrote outcomes into the stored rows.
    await db
      .updateTable('offline_transactions')
      .set(outcome('applied', 'Lent.'))
      .where('id', '=', applied.id)
      .execute();
    await db
      .updateTable('offline_transactions')
      .set(outcome('exception', 'Unknown item.'))
      .where('id', '=', exception.id)
      .execute();
    const before = await allRows(db);

    await migrateToLatest(db);

    expect(await allRows(db)).toEqual(before);
    const open = await listExceptions({
      db,
      state: 'open',
      limit: 10,
      offset: 0,
      reader: { previousBorrowers: true },
    });
    expect(open.exceptions.map((e) => e.id)).toEqual([exception.id]);

    // Recorded before the last processed transaction but arriving only now: still noticed as late.
    await send([checkOut(late.barcode, 15)]);
    const run = await processPendingOfflineTransactions({ db, now: () => at(700) });
    expect(run).toMatchObject({ processed: 2, applied: 2, arrivedLate: 1 });
    const statuses = await db
      .selectFrom('offline_transactions')
      .select(['id', 'status', 'arrived_late'])
      .where('status', '=', 'pending')
      .execute();
    expect(statuses).toEqual([]);
  });
});

// A server killed (SIGKILL) at a random moment while processing, then restarted, applies every
// offline transaction exactly once: the end state equals an uninterrupted run's.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildOfflineLibrary, offlineWorkstation, OUTAGE_START_MS } from './fixtures.testing.ts';
import { processPendingOfflineTransactions } from './process.ts';
import { receiveOfflineUpload } from './receive.ts';

const CHILD = fileURLToPath(new URL('./processChild.testing.ts', import.meta.url));
const TRIALS = 3;
const TRANSACTIONS = 2_000;

describeEachEngine('processing killed mid-run', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it(
    'resumes on restart and applies each transaction exactly once',
    { timeout: 120_000 },
    async () => {
      const library = await buildOfflineLibrary(test.db);
      const patrons = await Promise.all([1, 2, 3, 4, 5].map(() => library.patron()));
      const items = await Promise.all(Array.from({ length: 40 }, () => library.item()));
      const desks = ['CRASH-A', 'CRASH-B', 'CRASH-C'].map((name) =>
        offlineWorkstation({
          name,
          branchCode: library.branch.code,
          staffUsername: library.staff.username,
        }),
      );
      const scans: OfflineTransaction[] = Array.from({ length: TRANSACTIONS }, (_, i) =>
        desks[i % 3]!.checkOut({
          patronBarcode: patrons[i % 5]!.barcode,
          itemBarcode: i % 97 === 0 ? 'UNKNOWN' : items[(i * 7) % 40]!.barcode,
          occurredAt: OUTAGE_START_MS + i * 1_000,
        }),
      );

      const reset = async () => {
        await test.db.deleteFrom('offline_transactions').execute();
        await test.db.deleteFrom('offline_uploads').execute();
        await test.db.deleteFrom('loans').execute();
        await test.db.updateTable('items').set({ status: 'available' }).execute();
        await receiveOfflineUpload({
          db: test.db,
          actor: { user: { id: library.staff.id } },
          source: 'client',
          transactions: scans,
          now: OUTAGE_START_MS,
        });
      };
      const state = async () => ({
        loans: await test.db
          .selectFrom('loans')
          .select(['item_id', 'patron_id', 'checked_out_at', 'returned_at'])
          .orderBy('checked_out_at')
          .orderBy('item_id')
          .execute(),
        outcomes: await test.db
          .selectFrom('offline_transactions')
          .select(['id', 'status', 'outcome'])
          .orderBy('id')
          .execute(),
      });

      await reset();
      await processPendingOfflineTransactions({ db: test.db, now: () => Date.UTC(2026, 2, 3) });
      const expected = await state();

      let killedMidRun = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        await reset();
        killedMidRun += (await killDuringProcessing(test, 20 + trial * 60)) ? 1 : 0;
        // After the kill: every transaction is either fully applied (its loan exists) or pending.
        const halfway = await test.db
          .selectFrom('offline_transactions')
          .leftJoin('loans', 'loans.id', 'offline_transactions.loan_id')
          .select([
            'offline_transactions.status',
            'offline_transactions.loan_id',
            'loans.id as loan',
          ])
          .execute();
        expect(halfway.filter((r) => r.status === 'pending' && r.loan_id !== null)).toEqual([]);
        expect(halfway.filter((r) => r.loan_id !== null && r.loan !== r.loan_id)).toEqual([]);
        const loansHalfway = await test.db.selectFrom('loans').select('id').execute();
        expect(loansHalfway.length).toBe(halfway.filter((r) => r.loan_id !== null).length);

        await processPendingOfflineTransactions({ db: test.db, now: () => Date.UTC(2026, 2, 3) });
        expect(await state()).toEqual(expected);
      }
      // The trials must really interrupt a run, or they prove nothing.
      expect(killedMidRun).toBeGreaterThan(0);
    },
  );
});

/** Starts processing in a child process and SIGKILLs it `delayMs` after its first commit. */
function killDuringProcessing(test: TestDatabase, delayMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, test.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && output.includes('processing')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(!output.includes('done'));
      else if (output.includes('done')) resolve(false);
      else reject(new Error(`processing child failed: ${errors}`));
    });
  });
}

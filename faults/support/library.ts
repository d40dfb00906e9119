// The library a fault trial lends from, written straight into a fresh database before the real
// server starts (so it does not seed the 20,000-item demo library): one branch, a supervisor who
// signs in over HTTP, patrons in good standing, expired and blocked, items available and lost.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { buildOfflineLibrary } from '../../src/server/offline/fixtures.testing.ts';
import { buildWorkstation, TEST_STAFF_PASSWORD } from '../../src/server/testing/factories.ts';

export interface FaultLibrary {
  branchCode: string;
  branchId: number;
  staff: { username: string; password: string };
  goodPatrons: string[];
  expiredPatrons: string[];
  blockedPatrons: string[];
  availableItems: string[];
  lostItems: string[];
}

export async function buildFaultLibrary(db: Kysely<Database>): Promise<FaultLibrary> {
  const library = await buildOfflineLibrary(db);
  const goodPatrons = await many(24, () => library.patron());
  const expiredPatrons = await many(2, () => library.patron({ expires_on: '2020-01-31' }));
  const blockedPatrons = await many(2, () => library.patron({ block_reason: 'Unpaid fines' }));
  const availableItems = await many(60, () => library.item());
  const lostItems = await many(3, () => library.item({ status: 'lost' }));
  // The trials date their outages months back and check every applied check-out against its
  // loan; the loan history job (which, rightly, ages such loans and clears the transactions'
  // loan links after 30 days) is tested on its own (src/server/jobs), so here it keeps all.
  await db.updateTable('library_settings').set({ loan_history_days: null }).execute();
  return {
    branchCode: library.branch.code,
    branchId: library.branch.id,
    staff: { username: library.staff.username, password: TEST_STAFF_PASSWORD },
    goodPatrons: goodPatrons.map((p) => p.barcode),
    expiredPatrons: expiredPatrons.map((p) => p.barcode),
    blockedPatrons: blockedPatrons.map((p) => p.barcode),
    availableItems: availableItems.map((i) => i.barcode),
    lostItems: lostItems.map((i) => i.barcode),
  };
}

function many<T>(n: number, make: () => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, make));
}

/** Workstation rows for a trial's desks, so their offline loans name the workstation. */
export async function addWorkstations(
  db: Kysely<Database>,
  library: FaultLibrary,
  names: readonly string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const name of names) {
    const row = await buildWorkstation(db, { name, branch_id: library.branchId });
    ids.set(name, row.id);
  }
  return ids;
}

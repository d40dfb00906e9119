import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { checkBarcode } from '../../shared/barcodes/barcodes.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { Database } from '../db/schema.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { DEMO_SIGN_INS } from './library.ts';
import { seedDemoLibraryIfEmpty } from './seed.ts';

const TEST_PASSWORD_COST = 2 ** 10;
const NOW = Date.UTC(2026, 10, 28, 16, 0);

/** Every seeded row but the password hashes, whose salts are random by design. */
async function snapshot(db: Kysely<Database>) {
  return {
    settings: await db.selectFrom('library_settings').selectAll().execute(),
    branches: await db.selectFrom('branches').selectAll().orderBy('id').execute(),
    closedDays: await db
      .selectFrom('closed_days')
      .selectAll()
      .orderBy('branch_id')
      .orderBy('date')
      .execute(),
    patronTypes: await db.selectFrom('patron_types').selectAll().orderBy('id').execute(),
    materialTypes: await db.selectFrom('material_types').selectAll().orderBy('id').execute(),
    loanRules: await db.selectFrom('loan_rules').selectAll().orderBy('id').execute(),
    patrons: await db.selectFrom('patrons').selectAll().orderBy('id').execute(),
    items: await db.selectFrom('items').selectAll().orderBy('id').execute(),
    loans: await db.selectFrom('loans').selectAll().orderBy('id').execute(),
    staff: await db
      .selectFrom('staff_users')
      .select(['id', 'username', 'display_name', 'role', 'branch_id'])
      .orderBy('id')
      .execute(),
    workstations: await db.selectFrom('workstations').selectAll().orderBy('id').execute(),
  };
}

async function count(db: Kysely<Database>, table: 'branches' | 'patrons' | 'items') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachEngine('the demo library seed', (engine) => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    [first, second] = await Promise.all([openTestDatabase(engine), openTestDatabase(engine)]);
  });
  afterAll(async () => {
    await first?.dispose();
    await second?.dispose();
  });

  it('seeds an empty database once; the next start adds nothing', async () => {
    const started = performance.now();
    expect(
      await seedDemoLibraryIfEmpty(first.db, { passwordCost: TEST_PASSWORD_COST, now: NOW }),
    ).toEqual({ seeded: true });
    console.info(
      `Seeding the demo library on ${engine}: ${Math.round(performance.now() - started)} ms`,
    );
    const before = await snapshot(first.db);
    expect(
      await seedDemoLibraryIfEmpty(first.db, { passwordCost: TEST_PASSWORD_COST, now: NOW + 1 }),
    ).toEqual({ seeded: false });
    expect(await snapshot(first.db)).toEqual(before);
  });

  it('holds 3 branches, 2,000 patrons and 20,000 items', async () => {
    expect(await count(first.db, 'branches')).toBe(3);
    expect(await count(first.db, 'patrons')).toBe(2_000);
    expect(await count(first.db, 'items')).toBe(20_000);
  });

  it('stores the demo settings, and every barcode passes their rules', async () => {
    const settings = await getLibrarySettings(first.db);
    expect(settings.libraryName).toBe('Circa Demo Library');
    expect(settings.barcodeRules.patron).toEqual({ length: 14, prefix: '2', checkDigit: 'mod10' });
    const patrons = await first.db.selectFrom('patrons').select('barcode').execute();
    const items = await first.db.selectFrom('items').select('barcode').execute();
    const failing = [
      ...patrons.filter((p) => !checkBarcode('patron', p.barcode, settings.barcodeRules).ok),
      ...items.filter((i) => !checkBarcode('item', i.barcode, settings.barcodeRules).ok),
    ];
    expect(failing).toEqual([]);
  });

  it('marks on loan exactly the items with an open loan, some of them overdue', async () => {
    const onLoan = await first.db
      .selectFrom('items')
      .select('id')
      .where('status', '=', 'on_loan')
      .orderBy('id')
      .execute();
    const open = await first.db
      .selectFrom('loans')
      .select(['item_id as id', 'due_at'])
      .where('returned_at', 'is', null)
      .orderBy('item_id')
      .execute();
    expect(onLoan.length).toBeGreaterThan(800);
    expect(open.map((l) => ({ id: l.id }))).toEqual(onLoan);
    expect(open.filter((l) => l.due_at < NOW).length).toBeGreaterThan(50);
  });

  it('lets each demo sign-in use the password circa-demo', async () => {
    const staff = await first.db
      .selectFrom('staff_users')
      .innerJoin('branches', 'branches.id', 'staff_users.branch_id')
      .select(['username', 'role', 'password_hash', 'branches.code'])
      .orderBy('staff_users.id')
      .execute();
    expect(staff.map((s) => [s.username, s.role, s.code])).toEqual(
      DEMO_SIGN_INS.map((s) => [s.username, s.role, 'MAIN']),
    );
    for (const [index, signIn] of DEMO_SIGN_INS.entries()) {
      expect(signIn.password).toBe('circa-demo');
      expect(await verifyPassword(signIn.password, staff[index]!.password_hash)).toBe(true);
      expect(await verifyPassword('wrong', staff[index]!.password_hash)).toBe(false);
    }
  });

  it('gives the same rows when seeded again elsewhere at the same moment', async () => {
    await seedDemoLibraryIfEmpty(second.db, { passwordCost: TEST_PASSWORD_COST, now: NOW });
    expect(await snapshot(second.db)).toEqual(await snapshot(first.db));
  });

  it('seeds once when two servers start on an empty database together', async () => {
    const third = await openTestDatabase(engine);
    try {
      const results = await Promise.all([
        seedDemoLibraryIfEmpty(third.db, { passwordCost: TEST_PASSWORD_COST, now: NOW }),
        seedDemoLibraryIfEmpty(third.db, { passwordCost: TEST_PASSWORD_COST, now: NOW }),
      ]);
      expect(results.map((r) => r.seeded).toSorted()).toEqual([false, true]);
      expect(await snapshot(third.db)).toEqual(await snapshot(first.db));
    } finally {
      await third.dispose();
    }
  });
});

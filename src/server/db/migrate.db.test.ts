import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { migrateToLatest } from './migrate.ts';

describeEachEngine('migrations', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('are idempotent: running them again changes nothing', async () => {
    await migrateToLatest(test.db);
    const tables = await test.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('loans');
  });

  it('refuse a second open loan for the same item', async () => {
    const { db } = test;
    const branch = await db
      .insertInto('branches')
      .values({ code: 'M', name: 'Main', time_zone: 'UTC', closed_weekdays: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pt = await db
      .insertInto('patron_types')
      .values({ code: 'A', name: 'Adult' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mt = await db
      .insertInto('material_types')
      .values({ code: 'B', name: 'Book' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const patron = await db
      .insertInto('patrons')
      .values({
        barcode: 'p1',
        name: 'P',
        patron_type_id: pt.id,
        home_branch_id: branch.id,
        expires_on: '2099-01-01',
        block_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await db
      .insertInto('items')
      .values({
        barcode: 'i1',
        title: 'T',
        author: '',
        call_number: '',
        material_type_id: mt.id,
        branch_id: branch.id,
        status: 'available',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const loan = {
      item_id: item.id,
      patron_id: patron.id,
      checked_out_at: 1,
      due_at: 2,
      returned_at: null,
      branch_id: branch.id,
      staff_user_id: null,
      workstation_id: null,
      source: 'online' as const,
    };
    await db.insertInto('loans').values(loan).execute();
    await expect(db.insertInto('loans').values(loan).execute()).rejects.toThrow(/unique/i);
    await db.updateTable('loans').set({ returned_at: 3 }).execute();
    await db.insertInto('loans').values(loan).execute();
    const open = await sql<{
      n: number;
    }>`select count(*) as n from loans where returned_at is null`.execute(db);
    expect(Number(open.rows[0]?.n)).toBe(1);
  });
});

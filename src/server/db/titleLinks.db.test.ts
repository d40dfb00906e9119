// The database links every item to its title, however the item arrives (migration 0011).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';

describeEachEngine('title links', (engine) => {
  let test: TestDatabase;
  let branchId: number;
  let materialTypeId: number;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
    branchId = (
      await test.db
        .insertInto('branches')
        .values({ code: 'M', name: 'Main', time_zone: 'UTC', closed_weekdays: '' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    materialTypeId = (
      await test.db
        .insertInto('material_types')
        .values({ code: 'B', name: 'Book' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => test.dispose());

  const addItem = (barcode: string, title: string, author: string) =>
    test.db
      .insertInto('items')
      .values({
        barcode,
        title,
        author,
        call_number: '',
        material_type_id: materialTypeId,
        branch_id: branchId,
        status: 'available',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  const titleOf = async (id: number) =>
    (
      await test.db
        .selectFrom('items')
        .select('title_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).title_id;

  it('links copies catalogued alike, ignoring case and outer spaces, to one title', async () => {
    const first = await addItem('t1', 'Middlemarch', 'Eliot, George');
    const second = await addItem('t2', ' MIDDLEMARCH ', 'eliot, george');
    const other = await addItem('t3', 'Middlemarch', 'Someone Else');
    expect(await titleOf(first.id)).not.toBeNull();
    expect(await titleOf(second.id)).toBe(await titleOf(first.id));
    expect(await titleOf(other.id)).not.toBe(await titleOf(first.id));
  });

  it('moves an item to the matching title when its title or author is corrected', async () => {
    const typo = await addItem('t4', 'Midlemarch', 'Eliot, George');
    const right = await titleOf((await addItem('t5', 'Emma', 'Austen, Jane')).id);
    expect(await titleOf(typo.id)).not.toBe(right);
    await test.db
      .updateTable('items')
      .set({ title: 'Emma', author: 'Austen, Jane' })
      .where('id', '=', typo.id)
      .execute();
    expect(await titleOf(typo.id)).toBe(right);
  });

  it('links items written by an upsert (as the importers write them), keeping every column', async () => {
    await addItem('t6', 'Emile', 'Rousseau');
    await test.db
      .insertInto('items')
      .values(
        ['t6', 't7'].map((barcode) => ({
          barcode,
          title: 'Émile',
          author: 'Rousseau',
          call_number: '',
          material_type_id: materialTypeId,
          branch_id: branchId,
          status: 'missing' as const,
        })),
      )
      .onConflict((oc) =>
        oc.column('barcode').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          status: eb.ref('excluded.status'),
        })),
      )
      .execute();
    const rows = await test.db
      .selectFrom('items')
      .select(['barcode', 'status', 'title_id'])
      .where('barcode', 'in', ['t6', 't7'])
      .orderBy('barcode')
      .execute();
    expect(rows.map((row) => row.status)).toEqual(['missing', 'missing']);
    expect(rows[0]?.title_id).not.toBeNull();
    expect(rows[0]?.title_id).toBe(rows[1]?.title_id);
  });
});

// Migration 0011 on a library that already lends: its loan history is kept until an administrator
// chooses, while a new library starts with 30 days.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCirculationFixture } from '../commands/circulationFixture.testing.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { keepHistoryOfExistingLibrary } from './migrations/0011_holds.ts';

describeEachEngine('upgrading keeps loan history', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  const historyDays = async () =>
    (
      await test.db
        .selectFrom('library_settings')
        .select('loan_history_days')
        .executeTakeFirstOrThrow()
    ).loan_history_days;

  it('leaves a library without loans at 30 days, and keeps everything for one that lends', async () => {
    await keepHistoryOfExistingLibrary(test.db as unknown as Kysely<unknown>);
    expect(await historyDays()).toBe(30);

    const fixture = await buildCirculationFixture(test.db);
    const item = await fixture.item();
    const patron = await fixture.patron();
    await test.db
      .insertInto('loans')
      .values({
        item_id: item.id,
        patron_id: patron.id,
        checked_out_at: 1,
        due_at: 2,
        returned_at: 3,
        branch_id: fixture.branch.id,
        staff_user_id: null,
        workstation_id: null,
        source: 'online',
      })
      .execute();
    await keepHistoryOfExistingLibrary(test.db as unknown as Kysely<unknown>);
    expect(await historyDays()).toBeNull();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import type { CircaError } from '../errors.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { checkIn } from './checkIn.ts';
import { checkOut } from './checkOut.ts';
import {
  buildCirculationFixture,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from './circulationFixture.testing.ts';

const DAY_MS = 86_400_000;

describeEachEngine('checkIn', (engine) => {
  let database: TestDatabase;
  let library: CirculationFixture;
  const at = MONDAY_NOON_CHICAGO_MS;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    library = await buildCirculationFixture(database.db);
  });
  afterAll(() => database.dispose());

  async function lend() {
    const actor = await library.actor();
    const patron = await library.patron();
    const item = await library.item();
    const { loan } = await checkOut({
      db: database.db,
      actor,
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      at,
    });
    return { actor, item, loan };
  }

  it('closes the loan and puts the item back on the shelf, on time', async () => {
    const { actor, item, loan } = await lend();
    const returnedAt = at + 3 * DAY_MS;
    const result = await checkIn({
      db: database.db,
      actor,
      itemBarcode: item.barcode,
      at: returnedAt,
    });
    expect(result.overdue).toBe(false);
    expect(result.loan).toMatchObject({ id: loan.id, returnedAt });
    expect(result.item).toMatchObject({ id: item.id, status: 'available' });
    const row = await database.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select(['loans.returned_at', 'items.status'])
      .where('loans.id', '=', loan.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ returned_at: returnedAt, status: 'available' });
  });

  it('reports a return after the due instant as overdue', async () => {
    const { actor, item, loan } = await lend();
    const onTime = await checkIn({
      db: database.db,
      actor,
      itemBarcode: item.barcode,
      at: loan.dueAt,
    });
    expect(onTime.overdue).toBe(false);
    const again = await lend();
    const late = await checkIn({
      db: database.db,
      actor: again.actor,
      itemBarcode: again.item.barcode,
      at: again.loan.dueAt + 1,
    });
    expect(late.overdue).toBe(true);
  });

  it('says there is nothing to check in when the item is on the shelf, and changes nothing', async () => {
    const actor = await library.actor();
    const item = await library.item();
    const error = (await checkIn({ db: database.db, actor, itemBarcode: item.barcode, at }).catch(
      (caught: unknown) => caught,
    )) as CircaError;
    expect(error).toMatchObject({ code: 'ITEM_NOT_ON_LOAN', status: 409 });
    expect(error.message).toMatch(/nothing to check in/);
    expect(error.message).toMatch(/already on the shelf/);
  });

  it('refuses unknown and invalid item barcodes', async () => {
    const actor = await library.actor();
    await expect(
      checkIn({ db: database.db, actor, itemBarcode: withCheckDigit('3888888888888'), at }),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
    await expect(
      checkIn({ db: database.db, actor, itemBarcode: withCheckDigit('2888888888888'), at }),
    ).rejects.toMatchObject({ code: 'INVALID_BARCODE' });
  });

  it('checks an item in once when two desks scan it at the same moment', async () => {
    const { actor, item } = await lend();
    const outcomes = await Promise.allSettled([
      checkIn({ db: database.db, actor, itemBarcode: item.barcode, at: at + DAY_MS }),
      checkIn({ db: database.db, actor, itemBarcode: item.barcode, at: at + DAY_MS }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as CircaError] : [],
    );
    expect(refused?.code).toBe('ITEM_NOT_ON_LOAN');
  });
});

// "Renew all" when the desk is not alone: between its read and its write, one loan is checked in
// and another renewed at another desk. The first is refused as closed, the second is read and
// renewed again (counting both renewals), the rest renew as decided.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../../testing/engines.ts';
import { checkIn } from '../checkIn.ts';
import { checkOut } from '../checkOut.ts';
import {
  buildCirculationFixture,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from '../circulationFixture.testing.ts';
import { decideRenewAll, writeRenewAll } from './renewAll.ts';
import { renewLoan } from './renewLoan.ts';

const DAY_MS = 86_400_000;

describeEachEngine('renewAll overtaken between its read and its write', (engine) => {
  let database: TestDatabase;
  let library: CirculationFixture;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    library = await buildCirculationFixture(database.db);
    await database.db.updateTable('loan_rules').set({ max_items: 10 }).execute();
  });
  afterAll(() => database.dispose());

  it('refuses the loan checked in meanwhile and renews the one renewed meanwhile again', async () => {
    const actor = await library.actor();
    const patron = await library.patron();
    const items = [await library.item(), await library.item(), await library.item()];
    const loans = [];
    for (const item of items) {
      const { loan } = await checkOut({
        db: database.db,
        actor,
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        at: MONDAY_NOON_CHICAGO_MS,
      });
      loans.push(loan);
    }
    const at = MONDAY_NOON_CHICAGO_MS + 2 * DAY_MS;
    const props = { db: database.db, actor, patronBarcode: patron.barcode, at };
    const decided = await decideRenewAll(props);
    expect([...decided.decisions.values()].map((d) => d.outcome)).toEqual([
      'renew',
      'renew',
      'renew',
    ]);

    const [closed, renewedElsewhere, untouched] = loans;
    await checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at });
    await renewLoan({ db: database.db, actor, loanId: renewedElsewhere!.id, at });

    const result = await writeRenewAll(props, decided);
    expect(result.refused).toEqual([
      expect.objectContaining({
        loan: expect.objectContaining({ id: closed!.id }),
        code: 'LOAN_NOT_OPEN',
      }),
    ]);
    expect(result.renewed.map(({ loan }) => [loan.id, loan.renewalCount]).toSorted()).toEqual(
      [
        [renewedElsewhere!.id, 2],
        [untouched!.id, 1],
      ].toSorted(),
    );
    const rows = await database.db
      .selectFrom('renewals')
      .select('loan_id')
      .where(
        'loan_id',
        'in',
        loans.map((loan) => loan.id),
      )
      .execute();
    expect(rows.map((row) => row.loan_id).toSorted()).toEqual(
      [renewedElsewhere!.id, renewedElsewhere!.id, untouched!.id].toSorted(),
    );
  });
});

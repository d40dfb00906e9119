import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ItemDetail,
  PATRON_LOANS_PAGE_MAX,
  PATRON_LOANS_SHOWN,
  PatronDetail,
  PatronLoans,
} from '../../shared/api/circulation.ts';
import { withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import type { Database } from '../db/schema.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { checkOut } from './checkOut.ts';
import {
  buildCirculationFixture,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from './circulationFixture.testing.ts';
import { lookupItem, lookupPatron, patronLoans } from './lookups.ts';

const DAY_MS = 86_400_000;
/** A busy institutional card; the look-up must not slow down with it (a bounded answer). */
const MANY_LOANS = 1_000;
/**
 * Library settings, the patron, the count of their loans, and the first loans joined with items:
 * never one query per loan.
 */
const PATRON_LOOKUP_QUERIES = 4;
// Its speed beside a one-loan card is measured by the large-patron benchmark (npm run bench).

/** The database as seen through a plugin that counts the statements sent through it. */
function countingQueries(db: Kysely<Database>) {
  const counter = { queries: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      counter.queries += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), counter };
}

describeEachEngine('circulation look-ups', (engine) => {
  let database: TestDatabase;
  let library: CirculationFixture;
  const at = MONDAY_NOON_CHICAGO_MS;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    library = await buildCirculationFixture(database.db);
  });
  afterAll(() => database.dispose());

  it('shows a patron with their open loans, and an item with its loan', async () => {
    const actor = await library.actor();
    const patron = await library.patron({ expires_on: '2026-03-01' });
    const good = await library.patron();
    const item = await library.item();
    const shelved = await library.item();
    const { loan } = await checkOut({
      db: database.db,
      actor,
      patronBarcode: good.barcode,
      itemBarcode: item.barcode,
      at,
    });

    const expired = PatronDetail.parse(
      await lookupPatron({ db: database.db, patronBarcode: patron.barcode, at }),
    );
    expect(expired.patron.status).toBe('expired');
    expect(expired.loanCount).toBe(0);
    expect(expired.loans).toEqual([]);

    const detail = PatronDetail.parse(
      await lookupPatron({ db: database.db, patronBarcode: good.barcode, at }),
    );
    expect(detail.patron).toMatchObject({ barcode: good.barcode, status: 'good' });
    expect(detail.patron.homeBranch.code).toBe(library.branch.code);
    expect(detail.loanCount).toBe(1);
    expect(detail.loans).toEqual([loan]);
    expect(
      await patronLoans({
        db: database.db,
        patronBarcode: good.barcode,
        page: { offset: 0, limit: PATRON_LOANS_SHOWN },
      }),
    ).toEqual({ loanCount: 1, loans: [loan] });

    const onLoan = ItemDetail.parse(
      await lookupItem({ db: database.db, itemBarcode: item.barcode }),
    );
    expect(onLoan.item.status).toBe('on_loan');
    expect(onLoan.currentLoan).toEqual(loan);
    const onShelf = ItemDetail.parse(
      await lookupItem({ db: database.db, itemBarcode: shelved.barcode }),
    );
    expect(onShelf.currentLoan).toBeNull();
  });

  it('refuses unknown and invalid barcodes', async () => {
    await expect(
      lookupPatron({ db: database.db, patronBarcode: withCheckDigit('2777777777777'), at }),
    ).rejects.toMatchObject({ code: 'PATRON_NOT_FOUND' });
    await expect(
      patronLoans({
        db: database.db,
        patronBarcode: withCheckDigit('3777777777777'),
        page: { offset: 0, limit: 1 },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_BARCODE' });
    await expect(
      lookupItem({ db: database.db, itemBarcode: withCheckDigit('3777777777777') }),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
  });

  it(`counts ${MANY_LOANS} loans on one card and carries the first ${PATRON_LOANS_SHOWN}, soonest due first, in a fixed number of statements`, async () => {
    const patron = await library.patron();
    const actor = await library.actor();
    const items = [];
    for (let i = 0; i < MANY_LOANS; i += 1) items.push(await library.item());
    // Due dates from 100 days ago onwards, the last item first: overdue loans must lead, and the
    // insertion order must not be what orders them.
    const dueAtOf = (i: number) => at + (MANY_LOANS - i - 100) * DAY_MS;
    // Inserted directly: the loan rule's item limit is not what this test is about.
    await database.db
      .insertInto('loans')
      .values(
        items.map((item, i) => ({
          item_id: item.id,
          patron_id: patron.id,
          checked_out_at: at - 200 * DAY_MS,
          due_at: dueAtOf(i),
          returned_at: null,
          branch_id: library.branch.id,
          staff_user_id: actor.staffUserId,
          workstation_id: actor.workstationId,
          source: 'online' as const,
        })),
      )
      .execute();
    const soonestDueFirst = items.toReversed().map((item) => item.barcode);

    const { db: counted, counter } = countingQueries(database.db);
    const detail = PatronDetail.parse(
      await lookupPatron({ db: counted, patronBarcode: patron.barcode, at }),
    );
    expect(counter.queries).toBe(PATRON_LOOKUP_QUERIES);
    expect(detail.loanCount).toBe(MANY_LOANS);
    expect(detail.loans.map((loan) => loan.item.barcode)).toEqual(
      soonestDueFirst.slice(0, PATRON_LOANS_SHOWN),
    );
    expect(detail.loans[0]!.dueAt).toBeLessThan(at);

    // The pages, read one after another, are the whole card in the look-up's order.
    counter.queries = 0;
    const pages = [];
    for (let offset = 0; offset < MANY_LOANS; offset += PATRON_LOANS_PAGE_MAX) {
      pages.push(
        PatronLoans.parse(
          await patronLoans({
            db: counted,
            patronBarcode: patron.barcode,
            page: { offset, limit: PATRON_LOANS_PAGE_MAX },
          }),
        ),
      );
    }
    expect(counter.queries).toBe(pages.length * PATRON_LOOKUP_QUERIES);
    expect(pages.every((page) => page.loanCount === MANY_LOANS)).toBe(true);
    expect(pages.flatMap((page) => page.loans.map((loan) => loan.item.barcode))).toEqual(
      soonestDueFirst,
    );

    const middle = await patronLoans({
      db: database.db,
      patronBarcode: patron.barcode,
      page: { offset: 120, limit: 7 },
    });
    expect(middle.loans.map((loan) => loan.item.barcode)).toEqual(soonestDueFirst.slice(120, 127));
    const beyond = await patronLoans({
      db: database.db,
      patronBarcode: patron.barcode,
      page: { offset: MANY_LOANS, limit: 10 },
    });
    expect(beyond).toEqual({ loanCount: MANY_LOANS, loans: [] });
  });
});

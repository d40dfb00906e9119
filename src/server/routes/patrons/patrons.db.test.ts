// The patron routes over HTTP: the look-up's bounded loans and count, and the paged loans with a
// clear refusal of a bad page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  PATRON_LOANS_PAGE_MAX,
  PATRON_LOANS_SHOWN,
  PatronDetail,
  PatronLoans,
} from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { withCheckDigit } from '../../../shared/barcodes/barcodes.ts';
import {
  buildCirculationFixture,
  MONDAY_NOON_CHICAGO_MS,
} from '../../commands/circulationFixture.testing.ts';
import {
  createTestClock,
  startTestApi,
  type SignedInAgent,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

const DAY_MS = 86_400_000;
/** More than one look-up carries, so the count and the pages have something to show. */
const LOANS_ON_CARD = PATRON_LOANS_SHOWN + 25;

const barcodesOf = (loans: { item: { barcode: string } }[]) =>
  loans.map((loan) => loan.item.barcode);

describeEachEngine('patron routes', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  let patronBarcode: string;
  /** The card's item barcodes, soonest due first. */
  let soonestDueFirst: string[];
  const at = MONDAY_NOON_CHICAGO_MS;

  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(at) });
    const library = await buildCirculationFixture(api.db);
    desk = await api.signIn('patron-pages');
    const actor = await library.actor();
    const patron = await library.patron();
    patronBarcode = patron.barcode;
    const items = [];
    for (let i = 0; i < LOANS_ON_CARD; i += 1) items.push(await library.item());
    // Due one day apart, the first item last; the last three are overdue, so lead the list.
    await api.db
      .insertInto('loans')
      .values(
        items.map((item, i) => ({
          item_id: item.id,
          patron_id: patron.id,
          checked_out_at: at - 30 * DAY_MS,
          due_at: at + (LOANS_ON_CARD - i - 3.5) * DAY_MS,
          returned_at: null,
          branch_id: library.branch.id,
          staff_user_id: actor.staffUserId,
          workstation_id: actor.workstationId,
          source: 'online' as const,
        })),
      )
      .execute();
    soonestDueFirst = items.toReversed().map((item) => item.barcode);
  });
  afterAll(() => api.dispose());

  it('looks up a patron with the count of their loans and the first ones, overdue first', async () => {
    const response = await desk.get(`/api/patrons/${patronBarcode}`);
    expect(response.statusCode).toBe(200);
    const detail = PatronDetail.parse(response.json());
    expect(detail.loanCount).toBe(LOANS_ON_CARD);
    expect(barcodesOf(detail.loans)).toEqual(soonestDueFirst.slice(0, PATRON_LOANS_SHOWN));
    expect(detail.loans.slice(0, 3).every((loan) => loan.dueAt < at)).toBe(true);
    expect(detail.loans[3]!.dueAt).toBeGreaterThan(at);
  });

  it('pages through the loans in the same order', async () => {
    const first = PatronLoans.parse((await desk.get(`/api/patrons/${patronBarcode}/loans`)).json());
    expect(first.loanCount).toBe(LOANS_ON_CARD);
    expect(barcodesOf(first.loans)).toEqual(soonestDueFirst.slice(0, PATRON_LOANS_SHOWN));

    const rest = await desk.get(
      `/api/patrons/${patronBarcode}/loans?offset=${PATRON_LOANS_SHOWN}&limit=${PATRON_LOANS_PAGE_MAX}`,
    );
    expect(rest.statusCode).toBe(200);
    expect(barcodesOf(PatronLoans.parse(rest.json()).loans)).toEqual(
      soonestDueFirst.slice(PATRON_LOANS_SHOWN),
    );

    const small = PatronLoans.parse(
      (await desk.get(`/api/patrons/${patronBarcode}/loans?offset=2&limit=3`)).json(),
    );
    expect(barcodesOf(small.loans)).toEqual(soonestDueFirst.slice(2, 5));

    const past = PatronLoans.parse(
      (await desk.get(`/api/patrons/${patronBarcode}/loans?offset=${LOANS_ON_CARD}`)).json(),
    );
    expect(past).toEqual({ loanCount: LOANS_ON_CARD, loans: [] });
  });

  it.each([
    ['limit=0', 'limit', 'at least 1'],
    [`limit=${PATRON_LOANS_PAGE_MAX + 1}`, 'limit', `at most ${PATRON_LOANS_PAGE_MAX}`],
    ['limit=ten', 'limit', 'whole number'],
    ['limit=2.5', 'limit', 'whole number'],
    ['offset=-1', 'offset', 'cannot be negative'],
    ['offset=x', 'offset', 'whole number'],
  ])('refuses a bad page (%s) with 400 naming the field', async (query, field, says) => {
    const response = await desk.get(`/api/patrons/${patronBarcode}/loans?${query}`);
    expect(response.statusCode).toBe(400);
    const { error } = ApiError.parse(response.json());
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(says);
  });

  it('refuses an unknown card on the loans route as on the look-up', async () => {
    const response = await desk.get(`/api/patrons/${withCheckDigit('2999999999999')}/loans`);
    expect(response.statusCode).toBe(404);
    expect(ApiError.parse(response.json()).error.code).toBe('PATRON_NOT_FOUND');
  });
});

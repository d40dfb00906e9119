import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CheckInResult,
  CheckOutResult,
  ItemDetail,
  PatronDetail,
  PatronLoans,
} from '../../../shared/api/circulation.ts';
import { withCheckDigit } from '../../../shared/barcodes/barcodes.ts';
import { CSRF_HEADER } from '../../../shared/api/session.ts';
import {
  startCirculationApi,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import { errorOf, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

describeEachEngine('circulation API', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine));
  });
  afterAll(() => api.dispose());

  it('asks for a session on every circulation route', async () => {
    const anonymous = api.anonymous();
    for (const response of [
      await anonymous.get('/api/patrons/20000000000001'),
      await anonymous.get('/api/patrons/20000000000001/loans'),
      await anonymous.get('/api/items/30000000000001'),
      await anonymous.post('/api/checkouts', { patronBarcode: 'x', itemBarcode: 'y' }),
      await anonymous.post('/api/checkins', { itemBarcode: 'y' }),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    }
  });

  it('checks out (201), shows the loan on the patron and item, and checks in', async () => {
    const desk = await api.signIn('desk-flow');
    const patron = await library.patron();
    const item = await library.item();

    const lent = await desk.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
    });
    expect(lent.statusCode).toBe(201);
    const result = CheckOutResult.parse(lent.json());
    expect(result.loan).toMatchObject({
      patron: { barcode: patron.barcode },
      item: { barcode: item.barcode },
      checkedOutAt: MONDAY_NOON_CHICAGO_MS,
      branchCode: 'MAIN',
      source: 'online',
    });
    expect(result.replacedLoan).toBeNull();

    const patronResponse = await desk.get(`/api/patrons/${patron.barcode}`);
    expect(patronResponse.statusCode).toBe(200);
    const detail = PatronDetail.parse(patronResponse.json());
    expect(detail.patron.status).toBe('good');
    expect(detail.loanCount).toBe(1);
    expect(detail.loans).toEqual([result.loan]);

    const loansResponse = await desk.get(`/api/patrons/${patron.barcode}/loans`);
    expect(PatronLoans.parse(loansResponse.json())).toEqual({
      loanCount: 1,
      loans: [result.loan],
    });

    const itemResponse = await desk.get(`/api/items/${item.barcode}`);
    expect(itemResponse.statusCode).toBe(200);
    const itemDetail = ItemDetail.parse(itemResponse.json());
    expect(itemDetail.item.status).toBe('on_loan');
    expect(itemDetail.currentLoan).toEqual(result.loan);

    api.clock.advance(60_000);
    const returned = await desk.post('/api/checkins', { itemBarcode: item.barcode });
    expect(returned.statusCode).toBe(200);
    const checkedIn = CheckInResult.parse(returned.json());
    // The fixture's items belong to its own branch, so returned at MAIN they travel home.
    expect(checkedIn).toMatchObject({
      loan: { id: result.loan.id, returnedAt: MONDAY_NOON_CHICAGO_MS + 60_000 },
      item: { barcode: item.barcode, status: 'in_transit' },
      overdue: false,
      received: false,
      routing: { kind: 'transit', slip: { reason: 'home', toBranch: { id: library.branch.id } } },
    });

    const again = await desk.post('/api/checkins', { itemBarcode: item.barcode });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('ITEM_NOT_ON_LOAN');
    expect(errorOf(again).message).toMatch(/already on its way to/);
  });

  it('answers refusals with their code, status and message', async () => {
    const desk = await api.signIn('desk-refusals');
    const item = await library.item();
    const blocked = await library.patron({ block_reason: 'Lost card reported' });

    const notFound = await desk.get(`/api/patrons/${withCheckDigit('2999999999999')}`);
    expect(notFound.statusCode).toBe(404);
    expect(errorOf(notFound).code).toBe('PATRON_NOT_FOUND');
    const noItem = await desk.get(`/api/items/${withCheckDigit('3999999999999')}`);
    expect(noItem.statusCode).toBe(404);
    expect(errorOf(noItem).code).toBe('ITEM_NOT_FOUND');

    const invalid = await desk.get('/api/items/12345');
    expect(invalid.statusCode).toBe(400);
    expect(errorOf(invalid).code).toBe('INVALID_BARCODE');

    const refused = await desk.post('/api/checkouts', {
      patronBarcode: blocked.barcode,
      itemBarcode: item.barcode,
    });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'PATRON_BLOCKED' });
    expect(errorOf(refused).message).toContain('Lost card reported');

    const empty = await desk.post('/api/checkouts', {
      patronBarcode: ' ',
      itemBarcode: item.barcode,
    });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).code).toBe('BAD_REQUEST');
  });

  it('lets a supervisor override ITEM_ON_LOAN but not circulation staff', async () => {
    const desk = await api.signIn('desk-override');
    const supervisor = await api.signIn('super-override', 'supervisor');
    const first = await library.patron();
    const second = await library.patron();
    const item = await library.item();
    await desk.post('/api/checkouts', { patronBarcode: first.barcode, itemBarcode: item.barcode });

    const onLoan = await desk.post('/api/checkouts', {
      patronBarcode: second.barcode,
      itemBarcode: item.barcode,
    });
    expect(onLoan.statusCode).toBe(409);
    expect(errorOf(onLoan)).toMatchObject({
      code: 'ITEM_ON_LOAN',
      details: { patronBarcode: first.barcode },
    });

    const forbidden = await desk.post('/api/checkouts', {
      patronBarcode: second.barcode,
      itemBarcode: item.barcode,
      override: true,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(errorOf(forbidden).code).toBe('FORBIDDEN');

    const overridden = await supervisor.post('/api/checkouts', {
      patronBarcode: second.barcode,
      itemBarcode: item.barcode,
      override: true,
    });
    expect(overridden.statusCode).toBe(201);
    const result = CheckOutResult.parse(overridden.json());
    expect(result.loan.patron.barcode).toBe(second.barcode);
    expect(result.replacedLoan?.patron.barcode).toBe(first.barcode);
  });

  it('lends a damaged item only once staff confirm it, whatever their role', async () => {
    const desk = await api.signIn('desk-damaged');
    const patron = await library.patron();
    const item = await library.item({ status: 'damaged' });

    const needsALook = await desk.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
    });
    expect(needsALook.statusCode).toBe(409);
    expect(errorOf(needsALook)).toMatchObject({
      code: 'ITEM_NEEDS_A_LOOK',
      details: { itemBarcode: item.barcode, status: 'damaged' },
    });
    expect(errorOf(needsALook).message).toContain('is marked damaged');
    // Refused: nothing changed, the item is still damaged and on the shelf.
    const shelf = ItemDetail.parse((await desk.get(`/api/items/${item.barcode}`)).json());
    expect(shelf.item.status).toBe('damaged');
    expect(shelf.currentLoan).toBeNull();

    const confirmed = await desk.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      confirmDamaged: true,
    });
    expect(confirmed.statusCode).toBe(201);
    const result = CheckOutResult.parse(confirmed.json());
    expect(result.loan.patron.barcode).toBe(patron.barcode);
    expect(result.loan.item.barcode).toBe(item.barcode);
  });

  it('needs a workstation to check out or check in, and a CSRF token', async () => {
    const nowhere = await api.signIn('desk-nowhere', 'circulation', { workstation: null });
    const patron = await library.patron();
    const item = await library.item();
    const out = await nowhere.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
    });
    expect(out.statusCode).toBe(409);
    expect(errorOf(out).code).toBe('WORKSTATION_REQUIRED');
    expect(errorOf(out).message).toMatch(/workstation/);
    const back = await nowhere.post('/api/checkins', { itemBarcode: item.barcode });
    expect(errorOf(back).code).toBe('WORKSTATION_REQUIRED');

    const desk = await api.signIn('desk-csrf');
    const forged = await desk.post(
      '/api/checkouts',
      { patronBarcode: patron.barcode, itemBarcode: item.barcode },
      { [CSRF_HEADER]: 'not-the-token' },
    );
    expect(forged.statusCode).toBe(403);
    expect(errorOf(forged).code).toBe('CSRF_REJECTED');
    const lookup = await desk.get(`/api/items/${item.barcode}`);
    expect(ItemDetail.parse(lookup.json()).currentLoan).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemAnswer, ItemSearchResults } from '../../../shared/api/items.ts';
import { withCheckDigit } from '../../../shared/barcodes/barcodes.ts';
import {
  buildCirculationFixture,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import { errorOf, startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildItem, nextSequence } from '../../testing/factories.ts';

function newLabel(): string {
  return withCheckDigit(`39${String(nextSequence()).padStart(11, '0')}`);
}

describeEachEngine('item records API', (engine) => {
  let api: TestApi;
  let fixture: CirculationFixture;
  let materialCode: string;
  beforeAll(async () => {
    api = await startTestApi(engine);
    fixture = await buildCirculationFixture(api.db);
    materialCode = (
      await api.db
        .selectFrom('material_types')
        .select('code')
        .where('id', '=', fixture.materialTypeId)
        .executeTakeFirstOrThrow()
    ).code;
  });
  afterAll(() => api.dispose());

  async function auditCount(): Promise<number> {
    const row = await api.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function itemRow(id: number) {
    return api.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  function newItem(overrides: Record<string, unknown> = {}) {
    return {
      barcode: newLabel(),
      title: 'The Left Hand of Darkness',
      author: 'Le Guin, Ursula K.',
      callNumber: 'SF LEG',
      materialType: materialCode,
      branch: fixture.branch.code,
      ...overrides,
    };
  }

  describe('POST /api/items', () => {
    it('adds an available item and audits it', async () => {
      const desk = await api.signIn('item-desk');
      const body = newItem();
      const audits = await auditCount();
      const response = await desk.post('/api/items', body);
      expect(response.statusCode).toBe(201);
      const { item } = ItemAnswer.parse(response.json());
      expect(item).toMatchObject({
        barcode: body.barcode,
        title: body.title,
        author: body.author,
        callNumber: 'SF LEG',
        status: 'available',
        branch: { code: fixture.branch.code },
      });
      expect(await auditCount()).toBe(audits + 1);
    });

    it('refuses a barcode in use, a patron barcode, an empty title and unknown codes, storing nothing', async () => {
      const existing = await fixture.item();
      const desk = await api.signIn('item-desk');
      const audits = await auditCount();
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [newItem({ barcode: existing.barcode }), 409, /already in use/],
        [newItem({ barcode: withCheckDigit('2000000000077') }), 400, /patron/i],
        [newItem({ title: '  ' }), 400, /title/],
        [newItem({ materialType: 'NOPE' }), 400, /No material type has the code "NOPE"/],
        [newItem({ branch: 'NOWHERE' }), 400, /No branch has the code "NOWHERE"/],
      ];
      for (const [body, status, message] of cases) {
        const response = await desk.post('/api/items', body);
        expect({ body, status: response.statusCode }).toEqual({ body, status });
        expect(errorOf(response).message).toMatch(message);
      }
      const stored = await api.db
        .selectFrom('items')
        .select('id')
        .where('title', '=', 'The Left Hand of Darkness')
        .execute();
      expect(stored).toHaveLength(1);
      expect(await auditCount()).toBe(audits);
    });
  });

  describe('editing, marking, withdrawing', () => {
    it('edits the fields sent and keeps the barcode', async () => {
      const item = await fixture.item();
      const desk = await api.signIn('item-desk');
      const response = await desk.patch(`/api/items/${item.id}`, { title: 'Corrected title' });
      expect(response.statusCode).toBe(200);
      expect(ItemAnswer.parse(response.json()).item).toMatchObject({
        title: 'Corrected title',
        barcode: item.barcode,
      });
      const barcode = await desk.patch(`/api/items/${item.id}`, { barcode: newLabel() });
      expect(barcode.statusCode).toBe(400);
    });

    it('marks a shelf item damaged, missing, lost and available again', async () => {
      const item = await fixture.item();
      const desk = await api.signIn('item-desk');
      for (const status of ['damaged', 'missing', 'lost', 'available'] as const) {
        const response = await desk.post(`/api/items/${item.id}/status`, { status });
        expect(response.statusCode).toBe(200);
        expect(ItemAnswer.parse(response.json()).item.status).toBe(status);
      }
      // Asking for the status it already has changes nothing and writes no entry.
      const audits = await auditCount();
      const same = await desk.post(`/api/items/${item.id}/status`, { status: 'available' });
      expect(same.statusCode).toBe(200);
      expect(await auditCount()).toBe(audits);
      const bad = await desk.post(`/api/items/${item.id}/status`, { status: 'on_loan' });
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).message).toMatch(/available, lost, missing or damaged/);
    });

    it('lets an item on loan be marked lost only, keeping the loan, and refuses withdrawing it', async () => {
      const patron = await fixture.patron();
      const item = await fixture.item();
      const desk = await api.signIn('lost-supervisor', 'supervisor', {
        branchId: fixture.branch.id,
      });
      const lent = await desk.post('/api/checkouts', {
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
      });
      expect(lent.statusCode).toBe(201);
      const audits = await auditCount();
      for (const status of ['damaged', 'missing', 'available'] as const) {
        const refused = await desk.post(`/api/items/${item.id}/status`, { status });
        expect(refused.statusCode).toBe(409);
        expect(errorOf(refused).message).toMatch(/on loan: check it in first/);
      }
      const withdraw = await desk.post(`/api/items/${item.id}/withdraw`);
      expect(withdraw.statusCode).toBe(409);
      expect(errorOf(withdraw).code).toBe('ITEM_ON_LOAN');
      expect((await itemRow(item.id)).status).toBe('on_loan');
      expect(await auditCount()).toBe(audits);

      const lost = await desk.post(`/api/items/${item.id}/status`, { status: 'lost' });
      expect(lost.statusCode).toBe(200);
      const openLoans = await api.db
        .selectFrom('loans')
        .select('id')
        .where('item_id', '=', item.id)
        .where('returned_at', 'is', null)
        .execute();
      expect(openLoans).toHaveLength(1);
    });

    it('withdraws a shelf item for supervisors only; check-out then refuses it and nothing changes it', async () => {
      const patron = await fixture.patron();
      const item = await fixture.item();
      const desk = await api.signIn('withdraw-desk');
      const audits = await auditCount();
      expect((await desk.post(`/api/items/${item.id}/withdraw`)).statusCode).toBe(403);
      expect(await auditCount()).toBe(audits);
      const supervisor = await api.signIn('withdraw-supervisor', 'supervisor', {
        branchId: fixture.branch.id,
      });
      const withdrawn = await supervisor.post(`/api/items/${item.id}/withdraw`);
      expect(withdrawn.statusCode).toBe(200);
      expect(ItemAnswer.parse(withdrawn.json()).item.status).toBe('withdrawn');
      expect(await auditCount()).toBe(audits + 1);

      const lend = await supervisor.post('/api/checkouts', {
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
      });
      expect(lend.statusCode).toBe(409);
      expect(errorOf(lend).code).toBe('ITEM_NOT_LOANABLE');
      const mark = await supervisor.post(`/api/items/${item.id}/status`, { status: 'available' });
      expect(mark.statusCode).toBe(409);
      expect(errorOf(mark).code).toBe('ITEM_WITHDRAWN');
      expect((await supervisor.post(`/api/items/${item.id}/withdraw`)).statusCode).toBe(409);
      expect(await auditCount()).toBe(audits + 1);
    });

    it('says so for an unknown item and a malformed id', async () => {
      const desk = await api.signIn('item-desk');
      const missing = await desk.post('/api/items/999999/status', { status: 'lost' });
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing).code).toBe('ITEM_NOT_FOUND');
      expect((await desk.patch('/api/items/abc', { title: 'X' })).statusCode).toBe(400);
    });
  });

  describe('GET /api/items?q=', () => {
    it('finds by barcode, and by words of the title or the author together', async () => {
      const item = await buildItem(api.db, {
        title: 'Gormenghast',
        author: 'Peake, Mervyn',
        material_type_id: fixture.materialTypeId,
        branch_id: fixture.branch.id,
      });
      await buildItem(api.db, {
        title: 'Titus Groan',
        author: 'Peake, Mervyn',
        material_type_id: fixture.materialTypeId,
        branch_id: fixture.branch.id,
      });
      const desk = await api.signIn('item-search');
      const titles = async (q: string) =>
        ItemSearchResults.parse(
          (await desk.get(`/api/items?q=${encodeURIComponent(q)}`)).json(),
        ).items.map((i) => i.title);
      expect(await titles(item.barcode)).toEqual(['Gormenghast']);
      expect(await titles('peake')).toEqual(['Gormenghast', 'Titus Groan']);
      expect(await titles('groan MERVYN')).toEqual(['Titus Groan']);
      expect(await titles('menghas')).toEqual(['Gormenghast']);
      expect(await titles('gormenghast groan')).toEqual([]);
      expect((await desk.get('/api/items?q=ab')).statusCode).toBe(400);
    });
  });
});

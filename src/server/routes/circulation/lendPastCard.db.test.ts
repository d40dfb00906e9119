// "Lend anyway (once)": a supervisor lends to a blocked or expired card with a reason, and every
// loan made so is in the audit log with who allowed it and why. Nobody else can, and without a
// reason nothing is lent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CheckOutResult } from '../../../shared/api/circulation.ts';
import {
  startCirculationApi,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import { errorOf, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

describeEachEngine('lending past a blocked or expired card', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine));
  });
  afterAll(() => api.dispose());

  async function openLoansOf(patronId: number): Promise<number> {
    const rows = await api.db
      .selectFrom('loans')
      .select('id')
      .where('patron_id', '=', patronId)
      .where('returned_at', 'is', null)
      .execute();
    return rows.length;
  }

  it('lends to a blocked card for a supervisor with a reason, and audits each loan', async () => {
    const patron = await library.patron({ block_reason: 'Unpaid replacement' });
    const [first, second] = [await library.item(), await library.item()];
    const supervisor = await api.signIn('past-card-supervisor', 'supervisor', {
      branchId: library.branch.id,
    });
    const reason = 'Paid at the desk today';
    for (const item of [first, second]) {
      const lent = await supervisor.post('/api/checkouts', {
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        lendPastCard: { reason },
      });
      expect(lent.statusCode).toBe(201);
      CheckOutResult.parse(lent.json());
    }
    const entries = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'loan.lendPastCard')
      .orderBy('id')
      .execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actor: 'past-card-supervisor',
      staff_user_id: supervisor.user.id,
      subject_type: 'loan',
    });
    expect(entries.map((e) => JSON.parse(e.after ?? '{}'))).toEqual([
      expect.objectContaining({ itemBarcode: first.barcode, card: 'blocked', reason }),
      expect.objectContaining({ itemBarcode: second.barcode, card: 'blocked', reason }),
    ]);
    // The card stays blocked: the next visit stops at the patron again.
    const next = await supervisor.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: (await library.item()).barcode,
    });
    expect(errorOf(next).code).toBe('PATRON_BLOCKED');
  });

  it('lends to an expired card the same way', async () => {
    const patron = await library.patron({ expires_on: '2025-12-31' });
    const item = await library.item();
    const supervisor = await api.signIn('past-card-supervisor-2', 'supervisor', {
      branchId: library.branch.id,
    });
    const lent = await supervisor.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      lendPastCard: { reason: 'Renewal form filled in, ID seen' },
    });
    expect(lent.statusCode).toBe(201);
    const entry = await api.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'loan.lendPastCard')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ card: 'expired' });
  });

  it('refuses circulation staff, and a supervisor without a reason, lending and auditing nothing', async () => {
    const patron = await library.patron({ block_reason: 'Unpaid replacement' });
    const item = await library.item();
    const desk = await api.signIn('past-card-desk', 'circulation', {
      branchId: library.branch.id,
    });
    const supervisor = await api.signIn('past-card-supervisor-3', 'supervisor', {
      branchId: library.branch.id,
    });
    const audits = await api.db.selectFrom('audit_log').select('id').execute();
    const byDesk = await desk.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      lendPastCard: { reason: 'Please' },
    });
    expect(byDesk.statusCode).toBe(403);
    expect(errorOf(byDesk).message).toMatch(/only a supervisor may lend on it anyway/);
    const noReason = await supervisor.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      lendPastCard: { reason: '  ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toMatch(/Say why/);
    expect(await openLoansOf(patron.id)).toBe(0);
    expect(await api.db.selectFrom('audit_log').select('id').execute()).toHaveLength(audits.length);
  });
});

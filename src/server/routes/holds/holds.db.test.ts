// Holds over HTTP on both engines: placing on a title or a copy, refusals that change nothing, the
// queue in placement order, two placings at once, and looking after a hold once placed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import { CancelHoldResult, PatronHolds, TitleDetail } from '../../../shared/api/holdRequests.ts';
import { Hold } from '../../../shared/api/holds.ts';
import {
  startCirculationApi,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import type { SignedInAgent, TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildBranch, buildItem } from '../../testing/factories.ts';

async function refused(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  const { error } = ApiError.parse(response.json());
  expect(error.code).toBe(code);
  return error;
}

describeEachEngine('hold routes', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  let desk: SignedInAgent;
  let title = 0;

  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine));
    desk = await api.signIn('holds-desk', 'circulation', { branchId: library.branch.id });
  });
  afterAll(() => api.dispose());

  /** A title with `copies` copies at the library's branch; answers its id and their barcodes. */
  async function titleWithCopies(copies: number): Promise<{ titleId: number; barcodes: string[] }> {
    title += 1;
    const barcodes: string[] = [];
    for (let i = 0; i < copies; i += 1) {
      const item = await buildItem(api.db, {
        title: `Held title ${title}`,
        author: 'Eliot, George',
        material_type_id: library.materialTypeId,
        branch_id: library.branch.id,
      });
      barcodes.push(item.barcode);
    }
    const { title_id } = await api.db
      .selectFrom('items')
      .select('title_id')
      .where('barcode', '=', barcodes[0]!)
      .executeTakeFirstOrThrow();
    return { titleId: title_id!, barcodes };
  }

  const holdCount = async () =>
    Number(
      (
        await api.db
          .selectFrom('holds')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function place(body: Record<string, unknown>): Promise<Hold> {
    const response = await desk.post('/api/holds', body);
    expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 });
    return Hold.parse(response.json());
  }

  describe('placing', () => {
    it('places title holds in a queue by placement, picked up at the desk’s branch', async () => {
      const { titleId } = await titleWithCopies(2);
      const first = await library.patron();
      const second = await library.patron();
      const a = await place({ patronBarcode: first.barcode, titleId });
      api.clock.advance(1000);
      const b = await place({ patronBarcode: second.barcode, titleId });
      expect(a).toMatchObject({
        status: 'waiting',
        item: null,
        queuePosition: 1,
        pickupBranch: { id: library.branch.id },
        placedAt: api.clock.now() - 1000,
        patron: { id: first.id },
        title: { id: titleId, author: 'Eliot, George' },
      });
      expect(b.queuePosition).toBe(2);

      const page = TitleDetail.parse((await desk.get(`/api/titles/${titleId}`)).json());
      expect(page.queue.map((h) => [h.id, h.queuePosition])).toEqual([
        [a.id, 1],
        [b.id, 2],
      ]);
      expect(page.copies).toHaveLength(2);
      const mine = PatronHolds.parse(
        (await desk.get(`/api/patrons/${second.barcode}/holds`)).json(),
      );
      expect(mine.holds.map((h) => [h.id, h.queuePosition])).toEqual([[b.id, 2]]);
    });

    it('places a hold on one copy at another branch', async () => {
      const { titleId, barcodes } = await titleWithCopies(2);
      const branch = await buildBranch(api.db, { code: 'EAST', name: 'East' });
      const patron = await library.patron();
      const hold = await place({
        patronBarcode: patron.barcode,
        itemBarcode: barcodes[1],
        pickupBranchCode: 'east',
      });
      expect(hold.item?.barcode).toBe(barcodes[1]);
      expect(hold.title.id).toBe(titleId);
      expect(hold.pickupBranch.id).toBe(branch.id);
    });

    it('shows each copy’s due date on the title page while it is on loan', async () => {
      const { titleId, barcodes } = await titleWithCopies(2);
      const patron = await library.patron();
      const lent = await desk.post('/api/checkouts', {
        patronBarcode: patron.barcode,
        itemBarcode: barcodes[0],
      });
      expect(lent.statusCode).toBe(201);
      const page = TitleDetail.parse((await desk.get(`/api/titles/${titleId}`)).json());
      const byBarcode = new Map(page.copies.map((c) => [c.barcode, c]));
      expect(byBarcode.get(barcodes[0]!)).toMatchObject({ status: 'on_loan' });
      expect(byBarcode.get(barcodes[0]!)!.dueAt).toBeGreaterThan(api.clock.now());
      expect(byBarcode.get(barcodes[1]!)).toMatchObject({ status: 'available', dueAt: null });
    });

    it('refuses, changing nothing, for each reason the rules give', async () => {
      const { titleId, barcodes } = await titleWithCopies(2);
      const withdrawn = await buildItem(api.db, {
        title: `Held title ${title}`,
        author: 'Eliot, George',
        status: 'withdrawn',
        material_type_id: library.materialTypeId,
        branch_id: library.branch.id,
      });
      const blocked = await library.patron({ block_reason: 'Unpaid fines' });
      const expired = await library.patron({ expires_on: '2026-03-01' });
      const holder = await library.patron();
      const borrower = await library.patron();
      await place({ patronBarcode: holder.barcode, titleId });
      const lent = await desk.post('/api/checkouts', {
        patronBarcode: borrower.barcode,
        itemBarcode: barcodes[0],
      });
      expect(lent.statusCode).toBe(201);
      const good = await library.patron();
      const before = await holdCount();

      const cases: [Record<string, unknown>, number, string][] = [
        [{ patronBarcode: blocked.barcode, titleId }, 409, 'HOLD_PATRON_BLOCKED'],
        [{ patronBarcode: expired.barcode, titleId }, 409, 'HOLD_PATRON_EXPIRED'],
        [{ patronBarcode: holder.barcode, titleId }, 409, 'HOLD_ALREADY_PLACED'],
        [{ patronBarcode: holder.barcode, itemBarcode: barcodes[1] }, 409, 'HOLD_ALREADY_PLACED'],
        [{ patronBarcode: borrower.barcode, titleId }, 409, 'HOLD_ALREADY_ON_LOAN'],
        [
          { patronBarcode: good.barcode, itemBarcode: withdrawn.barcode },
          409,
          'HOLD_ITEM_UNAVAILABLE',
        ],
        [
          { patronBarcode: good.barcode, titleId, pickupBranchCode: 'NOPE' },
          400,
          'HOLD_PICKUP_BRANCH_UNKNOWN',
        ],
        [{ patronBarcode: good.barcode, titleId: 999_999 }, 404, 'NOT_FOUND'],
        [{ patronBarcode: good.barcode, titleId, itemBarcode: barcodes[1] }, 400, 'BAD_REQUEST'],
        [{ patronBarcode: good.barcode }, 400, 'BAD_REQUEST'],
      ];
      for (const [body, status, code] of cases) {
        await refused(await desk.post('/api/holds', body), status, code);
      }
      expect(await holdCount()).toBe(before);
    });

    it('refuses the second of two placings at once for one patron and title', async () => {
      const { titleId } = await titleWithCopies(1);
      const patron = await library.patron();
      const answers = await Promise.all([
        desk.post('/api/holds', { patronBarcode: patron.barcode, titleId }),
        desk.post('/api/holds', { patronBarcode: patron.barcode, titleId }),
      ]);
      expect(answers.map((a) => a.statusCode).toSorted()).toEqual([201, 409]);
      const loser = answers.find((a) => a.statusCode === 409)!;
      expect(ApiError.parse(loser.json()).error.code).toBe('HOLD_ALREADY_PLACED');
      const held = PatronHolds.parse(
        (await desk.get(`/api/patrons/${patron.barcode}/holds`)).json(),
      );
      expect(held.holds).toHaveLength(1);
    });

    it('refuses the second of two placings at once on two copies of one title', async () => {
      // No index covers holds on one copy: the check inside the transaction, with the patron row
      // locked on PostgreSQL, is what keeps one hold per patron and title.
      const { barcodes } = await titleWithCopies(2);
      const patron = await library.patron();
      const answers = await Promise.all(
        barcodes.map((itemBarcode) =>
          desk.post('/api/holds', { patronBarcode: patron.barcode, itemBarcode }),
        ),
      );
      expect(answers.map((a) => a.statusCode).toSorted()).toEqual([201, 409]);
      const held = PatronHolds.parse(
        (await desk.get(`/api/patrons/${patron.barcode}/holds`)).json(),
      );
      expect(held.holds).toHaveLength(1);
    });
  });

  describe('looking after a hold', () => {
    it('suspends without losing its place, resumes, changes the pickup branch and cancels', async () => {
      const { titleId } = await titleWithCopies(1);
      const first = await place({ patronBarcode: (await library.patron()).barcode, titleId });
      const second = await place({ patronBarcode: (await library.patron()).barcode, titleId });

      const suspended = await desk.post(`/api/holds/${first.id}/suspend`, { until: '2026-03-20' });
      expect(suspended.statusCode).toBe(200);
      expect(Hold.parse(suspended.json())).toMatchObject({
        suspendedUntil: '2026-03-20',
        queuePosition: 1,
      });

      const resumed = Hold.parse((await desk.post(`/api/holds/${first.id}/resume`)).json());
      expect(resumed).toMatchObject({ suspendedUntil: null, queuePosition: 1 });

      await buildBranch(api.db, { code: 'WEST', name: 'West' });
      const moved = Hold.parse(
        (await desk.post(`/api/holds/${first.id}/pickup`, { branchCode: 'WEST' })).json(),
      );
      expect(moved.pickupBranch.code).toBe('WEST');

      api.clock.advance(60_000);
      const cancelled = CancelHoldResult.parse(
        (await desk.post(`/api/holds/${first.id}/cancel`)).json(),
      );
      expect(cancelled).toMatchObject({
        hold: { status: 'cancelled', queuePosition: null, endedAt: api.clock.now() },
        releasedItem: null,
      });
      const page = TitleDetail.parse((await desk.get(`/api/titles/${titleId}`)).json());
      expect(page.queue.map((h) => [h.id, h.queuePosition])).toEqual([[second.id, 1]]);

      await refused(await desk.post(`/api/holds/${first.id}/cancel`), 409, 'HOLD_NOT_ACTIVE');
      await refused(await desk.post('/api/holds/999999/resume'), 404, 'NOT_FOUND');
    });

    it.each([
      ['today', '2026-03-02'],
      ['more than a year ahead', '2027-03-03'],
    ])('refuses a suspension until %s, changing nothing', async (_, until) => {
      const { titleId } = await titleWithCopies(1);
      const hold = await place({ patronBarcode: (await library.patron()).barcode, titleId });
      await refused(
        await desk.post(`/api/holds/${hold.id}/suspend`, { until }),
        400,
        'HOLD_SUSPEND_DATE_INVALID',
      );
      const after = PatronHolds.parse(
        (await desk.get(`/api/patrons/${hold.patron.barcode}/holds`)).json(),
      );
      expect(after.holds[0]!.suspendedUntil).toBeNull();
    });

    it('keeps the pickup branch of a hold whose copy is caught, and releases the copy on cancel', async () => {
      const { barcodes, titleId } = await titleWithCopies(1);
      const hold = await place({ patronBarcode: (await library.patron()).barcode, titleId });
      const item = await api.db
        .selectFrom('items')
        .select('id')
        .where('barcode', '=', barcodes[0]!)
        .executeTakeFirstOrThrow();
      // As check-in would leave it: the copy on the shelf for this hold.
      await api.db
        .updateTable('holds')
        .set({ status: 'on_shelf', trapped_item_id: item.id, trapped_at: MONDAY_NOON_CHICAGO_MS })
        .where('id', '=', hold.id)
        .execute();
      await api.db
        .updateTable('items')
        .set({ status: 'on_hold_shelf' })
        .where('id', '=', item.id)
        .execute();

      // The caught hold leaves the queue's numbering: the next one waiting is first.
      const behind = await place({ patronBarcode: (await library.patron()).barcode, titleId });
      const queue = TitleDetail.parse((await desk.get(`/api/titles/${titleId}`)).json()).queue;
      expect(queue.map((h) => [h.id, h.status, h.queuePosition])).toEqual([
        [hold.id, 'on_shelf', null],
        [behind.id, 'waiting', 1],
      ]);

      const error = await refused(
        await desk.post(`/api/holds/${hold.id}/pickup`, { branchCode: library.branch.code }),
        409,
        'HOLD_ALREADY_TRAPPED',
      );
      expect(error.message).toContain('hold shelf');
      await refused(
        await desk.post(`/api/holds/${hold.id}/suspend`, { until: '2026-03-10' }),
        409,
        'HOLD_ALREADY_TRAPPED',
      );

      const cancelled = CancelHoldResult.parse(
        (await desk.post(`/api/holds/${hold.id}/cancel`)).json(),
      );
      expect(cancelled.hold.status).toBe('cancelled');
      expect(cancelled.releasedItem).toMatchObject({ id: item.id, barcode: barcodes[0] });
    });

    it('lists a patron’s active holds first, then the ended ones', async () => {
      const patron = await library.patron();
      const older = await place({
        patronBarcode: patron.barcode,
        titleId: (await titleWithCopies(1)).titleId,
      });
      const newer = await place({
        patronBarcode: patron.barcode,
        titleId: (await titleWithCopies(1)).titleId,
      });
      await desk.post(`/api/holds/${older.id}/cancel`);
      const listed = PatronHolds.parse(
        (await desk.get(`/api/patrons/${patron.barcode}/holds`)).json(),
      );
      expect(listed.holds.map((h) => [h.id, h.status])).toEqual([
        [newer.id, 'waiting'],
        [older.id, 'cancelled'],
      ]);
    });
  });
});

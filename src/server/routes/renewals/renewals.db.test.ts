// Renewing over the API on both engines: a new due date from today, the rule's limit, another
// patron's hold, a supervisor's recorded override, a check-in racing a renewal, and "Renew all".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CheckOutResult } from '../../../shared/api/circulation.ts';
import { RenewAllResult, RenewalResult } from '../../../shared/api/renewals.ts';
import { addDays, endOfDay, localDate } from '../../../shared/calendar/dueDates.ts';
import {
  startCirculationApi,
  LOAN_DAYS,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import { errorOf, type SignedInAgent, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

const DAY_MS = 86_400_000;
const CHICAGO = 'America/Chicago';

describeEachEngine('renewals API', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  let desk: SignedInAgent;
  let supervisor: SignedInAgent;
  /** Moves the clock, signing the desk and the supervisor in again: sessions idle out over days. */
  async function setClock(at: number): Promise<void> {
    api.clock.set(at);
    desk = await api.signIn('renewals-desk', 'circulation', { branchId: library.branch.id });
    supervisor = await api.signIn('renewals-supervisor', 'supervisor', {
      branchId: library.branch.id,
    });
  }
  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine));
    // Room for the loans "Renew all" needs; two renewals each, as the default rule allows.
    await api.db.updateTable('loan_rules').set({ max_items: 50, renewals_allowed: 2 }).execute();
  });
  afterAll(() => api.dispose());

  /** Lends a new item to the patron (a new one unless given) at Monday noon. */
  async function lend(patron?: { id: number; barcode: string }) {
    await setClock(MONDAY_NOON_CHICAGO_MS);
    const borrower = patron ?? (await library.patron());
    const item = await library.item();
    const lent = await desk.post('/api/checkouts', {
      patronBarcode: borrower.barcode,
      itemBarcode: item.barcode,
    });
    expect(lent.statusCode).toBe(201);
    return { patron: borrower, item, loan: CheckOutResult.parse(lent.json()).loan };
  }

  async function renewalsOf(loanId: number) {
    return api.db
      .selectFrom('renewals')
      .selectAll()
      .where('loan_id', '=', loanId)
      .orderBy('id')
      .execute();
  }

  async function loanRow(loanId: number) {
    return api.db
      .selectFrom('loans')
      .select(['due_at', 'renewal_count', 'returned_at'])
      .where('id', '=', loanId)
      .executeTakeFirstOrThrow();
  }

  async function holdOn(titleOf: number, patronId: number) {
    const item = await api.db
      .selectFrom('items')
      .select('title_id')
      .where('id', '=', titleOf)
      .executeTakeFirstOrThrow();
    await api.db
      .insertInto('holds')
      .values({
        patron_id: patronId,
        title_id: item.title_id!,
        item_id: null,
        pickup_branch_id: library.branch.id,
        placed_at: MONDAY_NOON_CHICAGO_MS,
        status: 'waiting',
      })
      .execute();
  }

  it('renews from today by the loan rule, counts it, and records who, where and when', async () => {
    const { loan } = await lend();
    await setClock(MONDAY_NOON_CHICAGO_MS + 10 * DAY_MS);
    const response = await desk.post(`/api/loans/${loan.id}/renewal`, {});
    expect(response.statusCode).toBe(200);
    const renewed = RenewalResult.parse(response.json());
    const today = localDate(api.clock.now(), CHICAGO);
    expect(renewed).toMatchObject({
      previousDueAt: loan.dueAt,
      loan: { id: loan.id, renewalCount: 1, dueAt: endOfDay(addDays(today, LOAN_DAYS), CHICAGO) },
    });
    const workstation = await api.db
      .selectFrom('workstations')
      .select('id')
      .where('name', '=', 'TEST-renewals-desk')
      .executeTakeFirstOrThrow();
    expect(await renewalsOf(loan.id)).toEqual([
      expect.objectContaining({
        renewed_at: api.clock.now(),
        previous_due_at: loan.dueAt,
        due_at: renewed.loan.dueAt,
        staff_user_id: desk.user.id,
        workstation_id: workstation.id,
        source: 'online',
        overridden_code: null,
        override_reason: null,
      }),
    ]);
  });

  it('refuses once the rule’s renewals are used up, changing nothing', async () => {
    const { loan } = await lend();
    for (let n = 0; n < 2; n++) {
      expect((await desk.post(`/api/loans/${loan.id}/renewal`, {})).statusCode).toBe(200);
    }
    const before = await loanRow(loan.id);
    const third = await desk.post(`/api/loans/${loan.id}/renewal`, {});
    expect(third.statusCode).toBe(409);
    expect(errorOf(third)).toMatchObject({
      code: 'RENEWAL_LIMIT_REACHED',
      message: expect.stringMatching(/renewed 2 times, the most its loan rule allows/),
    });
    expect(await loanRow(loan.id)).toEqual(before);
    expect(await renewalsOf(loan.id)).toHaveLength(2);
  });

  it('refuses when another patron waits for the title, not for the borrower’s own hold', async () => {
    const { loan, item, patron } = await lend();
    await holdOn(item.id, patron.id);
    expect((await desk.post(`/api/loans/${loan.id}/renewal`, {})).statusCode).toBe(200);
    const other = await library.patron();
    await holdOn(item.id, other.id);
    const refused = await desk.post(`/api/loans/${loan.id}/renewal`, {});
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('RENEWAL_HOLD_WAITING');
    expect(await renewalsOf(loan.id)).toHaveLength(1);
  });

  it('lets a supervisor override with a reason, recorded with who; nobody else', async () => {
    const { loan, item } = await lend();
    await holdOn(item.id, (await library.patron()).id);
    const byDesk = await desk.post(`/api/loans/${loan.id}/renewal`, {
      override: { reason: 'Please' },
    });
    expect(byDesk.statusCode).toBe(403);
    expect(errorOf(byDesk).code).toBe('FORBIDDEN');
    const noReason = await supervisor.post(`/api/loans/${loan.id}/renewal`, {
      override: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(await renewalsOf(loan.id)).toEqual([]);

    const overridden = await supervisor.post(`/api/loans/${loan.id}/renewal`, {
      override: { reason: 'Hold placed in error' },
    });
    expect(overridden.statusCode).toBe(200);
    expect(RenewalResult.parse(overridden.json()).loan.renewalCount).toBe(1);
    expect(await renewalsOf(loan.id)).toEqual([
      expect.objectContaining({
        staff_user_id: supervisor.user.id,
        overridden_code: 'RENEWAL_HOLD_WAITING',
        override_reason: 'Hold placed in error',
      }),
    ]);
  });

  it('never renews a returned loan, and says so', async () => {
    const { loan, item } = await lend();
    expect((await desk.post('/api/checkins', { itemBarcode: item.barcode })).statusCode).toBe(200);
    for (const agent of [desk, supervisor]) {
      const refused = await agent.post(`/api/loans/${loan.id}/renewal`, {
        override: agent === supervisor ? { reason: 'Try anyway' } : undefined,
      });
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused).code).toBe('LOAN_NOT_OPEN');
    }
    expect((await desk.post('/api/loans/999999/renewal', {})).statusCode).toBe(404);
  });

  it('a check-in racing a renewal: the renewal applies to the open loan or is refused, never after', async () => {
    for (let round = 0; round < 6; round++) {
      const { loan, item } = await lend();
      // A day later, so a renewal moves the due date and can be told from none.
      await setClock(MONDAY_NOON_CHICAGO_MS + DAY_MS);
      const [checkedIn, renewal] = await Promise.all([
        desk.post('/api/checkins', { itemBarcode: item.barcode }),
        supervisor.post(`/api/loans/${loan.id}/renewal`, {}),
      ]);
      expect(checkedIn.statusCode).toBe(200);
      const row = await loanRow(loan.id);
      const rows = await renewalsOf(loan.id);
      const renewed = renewal.statusCode === 200;
      expect({
        returned: row.returned_at !== null,
        answer: renewed
          ? RenewalResult.parse(renewal.json()).loan.returnedAt
          : errorOf(renewal).code,
        count: row.renewal_count,
        rows: rows.length,
        dueAtKept: row.due_at === loan.dueAt,
      }).toEqual(
        renewed
          ? // Renewed while the loan was open (returnedAt null), then checked in.
            { returned: true, answer: null, count: 1, rows: 1, dueAtKept: false }
          : // The check-in came first: the renewal is refused and nothing of it is written.
            { returned: true, answer: 'LOAN_NOT_OPEN', count: 0, rows: 0, dueAtKept: true },
      );
    }
  });

  it('two renewals at once count twice, never once for two', async () => {
    const { loan } = await lend();
    const answers = await Promise.all([
      desk.post(`/api/loans/${loan.id}/renewal`, {}),
      supervisor.post(`/api/loans/${loan.id}/renewal`, {}),
    ]);
    const renewed = answers.filter((answer) => answer.statusCode === 200).length;
    expect(answers.filter((a) => a.statusCode !== 200).map((a) => errorOf(a).code)).toEqual(
      Array.from({ length: 2 - renewed }, () => 'LOAN_CHANGED'),
    );
    expect((await loanRow(loan.id)).renewal_count).toBe(renewed);
    expect(await renewalsOf(loan.id)).toHaveLength(renewed);
  });

  it('renews all of a patron’s loans, each on its own, listing what was refused and why', async () => {
    const first = await lend();
    const patron = first.patron;
    const atLimit = await lend(patron);
    const wanted = await lend(patron);
    await api.db
      .updateTable('loans')
      .set({ renewal_count: 2 })
      .where('id', '=', atLimit.loan.id)
      .execute();
    await holdOn(wanted.item.id, (await library.patron()).id);
    const someoneElse = await lend();

    await setClock(MONDAY_NOON_CHICAGO_MS + 3 * DAY_MS);
    const response = await desk.post(`/api/patrons/${patron.barcode}/renewals`, {});
    expect(response.statusCode).toBe(200);
    const result = RenewAllResult.parse(response.json());
    const newDue = endOfDay(addDays(localDate(api.clock.now(), CHICAGO), LOAN_DAYS), CHICAGO);
    expect(result.renewed).toEqual([
      {
        loan: expect.objectContaining({ id: first.loan.id, renewalCount: 1, dueAt: newDue }),
        previousDueAt: first.loan.dueAt,
      },
    ]);
    expect(result.refused.map((r) => [r.loan.id, r.code]).toSorted()).toEqual(
      [
        [atLimit.loan.id, 'RENEWAL_LIMIT_REACHED'],
        [wanted.loan.id, 'RENEWAL_HOLD_WAITING'],
      ].toSorted(),
    );
    expect(result.refused.every((r) => r.message.length > 20)).toBe(true);
    expect((await loanRow(someoneElse.loan.id)).renewal_count).toBe(0);

    const overridden = await supervisor.post(`/api/patrons/${patron.barcode}/renewals`, {
      override: { reason: 'Housebound, agreed with the manager' },
    });
    const all = RenewAllResult.parse(overridden.json());
    expect(all.refused).toEqual([]);
    expect(all.renewed.map((r) => r.loan.id).toSorted()).toEqual(
      [first.loan.id, atLimit.loan.id, wanted.loan.id].toSorted(),
    );
    expect((await renewalsOf(atLimit.loan.id))[0]).toMatchObject({
      overridden_code: 'RENEWAL_LIMIT_REACHED',
      override_reason: 'Housebound, agreed with the manager',
    });
    const forbidden = await desk.post(`/api/patrons/${patron.barcode}/renewals`, {
      override: { reason: 'Please' },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(
      (await desk.post('/api/patrons/21000000009999/renewals', {})).statusCode,
    ).toBeGreaterThanOrEqual(400);
  });
});

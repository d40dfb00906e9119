// The attacks of issue 18 on the offline path, through the real API on each engine: a desk user
// sending offline transactions in someone else's name, from another workstation and branch, with
// absurd due dates and times, types the offline client never records, and loans only a supervisor
// could make online.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors.ts';
import type {
  ExceptionList,
  ExceptionResult,
  OfflineReport,
  OfflineUploadResult,
} from '../../../shared/api/offline.ts';
import { MAX_CLOCK_SKEW_MS } from '../../../shared/offline/claims.ts';
import type { OfflineTransaction } from '../../../shared/offline/transaction.ts';
import { saveLibrarySettings, getLibrarySettings } from '../../db/librarySettings.ts';
import type { Patron, Item } from '../../db/schema.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
  type OfflineLibrary,
} from '../../offline/fixtures.testing.ts';
import {
  createTestClock,
  startTestApi,
  type SignedInAgent,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildBranch, buildLoanRule } from '../../testing/factories.ts';

const DAY_MS = 86_400_000;
const BACK_ONLINE_MS = OUTAGE_START_MS + DAY_MS;
/** The latest instant a Date can hold: the year 275760. */
const END_OF_TIME_MS = 8_640_000_000_000_000;
const DESK_WORKSTATION = 'CLAIMS-DESK-1';
const OTHER_WORKSTATION = 'MAIN-DESK-1';
/** The longest loan rule of the library in this test. */
const LONGEST_LOAN_DAYS = 28;

/** The two check-outs of the issue: one taking an item from its borrower, one of a lost item. */
function attack(
  s: { borrower: Patron; blocked: Patron; onLoan: Item; lost: Item },
  claim: { workstation: string; dueAt?: number },
): OfflineTransaction[] {
  const ws = offlineWorkstation({
    name: claim.workstation,
    branchCode: 'EAST',
    staffUsername: 'admin',
  });
  const occurredAt = OUTAGE_START_MS + 60_000;
  const due = claim.dueAt === undefined ? {} : { dueAt: claim.dueAt };
  return [
    ws.checkOut({
      patronBarcode: s.borrower.barcode,
      itemBarcode: s.onLoan.barcode,
      occurredAt,
      ...due,
    }),
    ws.checkOut({
      patronBarcode: s.blocked.barcode,
      itemBarcode: s.lost.barcode,
      occurredAt: occurredAt + 60_000,
      ...due,
    }),
  ];
}

const send = (agent: SignedInAgent, transactions: unknown[]) =>
  agent.post('/api/offline/transactions', { transactions });

async function countRows(
  db: TestApi['db'],
  table: 'offline_transactions' | 'offline_uploads' | 'loans',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachEngine('offline transactions are claims', (engine) => {
  let api: TestApi;
  let library: OfflineLibrary;
  let desk: SignedInAgent;
  let supervisor: SignedInAgent;
  let eastCode: string;

  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(BACK_ONLINE_MS) });
    library = await buildOfflineLibrary(api.db);
    await buildLoanRule(api.db, {
      patron_type_id: library.patronType.id,
      material_type_id: library.materialType.id,
      branch_id: null,
      loan_days: LONGEST_LOAN_DAYS,
    });
    eastCode = (await buildBranch(api.db, { code: 'EAST' })).code;
    const options = { branchId: library.branch.id };
    desk = await api.signIn('desk', 'circulation', { ...options, workstation: DESK_WORKSTATION });
    supervisor = await api.signIn('super', 'supervisor', { ...options, workstation: 'SUPER-1' });
    // The workstation the attack names exists, used by an administrator.
    await api.signIn('admin', 'admin', { ...options, workstation: OTHER_WORKSTATION });
  });
  afterAll(() => api.dispose());
  beforeEach(async () => {
    await setPolicy('apply_and_flag');
  });

  async function setPolicy(policy: 'apply_and_flag' | 'hold') {
    const settings = await getLibrarySettings(api.db);
    await saveLibrarySettings(api.db, { ...settings, offlineOverridePolicy: policy });
  }

  /** A patron with item on loan since the start of the outage, and a lost item and blocked card. */
  async function scene() {
    const holder = await library.patron();
    const borrower = await library.patron();
    const blocked = await library.patron({ block_reason: 'Unpaid replacement' });
    const onLoan = await library.item({ status: 'on_loan' });
    const lost = await library.item({ status: 'lost' });
    const loan = await api.db
      .insertInto('loans')
      .values({
        item_id: onLoan.id,
        patron_id: holder.id,
        checked_out_at: OUTAGE_START_MS - 7 * DAY_MS,
        due_at: OUTAGE_START_MS + 14 * DAY_MS,
        returned_at: null,
        branch_id: library.branch.id,
        staff_user_id: null,
        workstation_id: null,
        source: 'online',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { holder, borrower, blocked, onLoan, lost, loanId: loan.id };
  }

  async function counts() {
    return {
      transactions: await countRows(api.db, 'offline_transactions'),
      uploads: await countRows(api.db, 'offline_uploads'),
      loans: await countRows(api.db, 'loans'),
    };
  }

  async function reportOf(uploadId: number) {
    const response = await supervisor.get(`/api/offline/report?uploadId=${uploadId}`);
    expect(response.statusCode).toBe(200);
    return response.json<OfflineReport>().transactions;
  }

  it('refuses, whole, a desk send naming another workstation, and stores nothing', async () => {
    const s = await scene();
    const before = await counts();
    const response = await send(
      desk,
      attack(s, { workstation: OTHER_WORKSTATION, dueAt: END_OF_TIME_MS }),
    );
    expect(response.statusCode).toBe(400);
    const { error } = response.json<ApiError>();
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(
      /2 of 2 transactions cannot be sent from this workstation, so none was stored\. The first: transaction 0 \(.+\): it names workstation MAIN-DESK-1, but it was sent from CLAIMS-DESK-1/,
    );
    expect(error.details?.invalid).toEqual([
      expect.objectContaining({ index: 0, field: 'workstation' }),
      expect.objectContaining({ index: 1, field: 'workstation' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a payment through the desk route: only a supervisor’s file carries one', async () => {
    const s = await scene();
    const ws = offlineWorkstation({
      name: DESK_WORKSTATION,
      branchCode: library.branch.code,
      staffUsername: 'super',
    });
    const before = await counts();
    const payment = ws.payment({
      patronBarcode: s.holder.barcode,
      amount: '1.00',
      occurredAt: OUTAGE_START_MS,
    });
    const response = await send(desk, [payment]);
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiError>().error.details?.invalid).toEqual([
      expect.objectContaining({ index: 0, field: 'type' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('holds a due date past the longest loan for a supervisor: stored, no loan made, the borrower keeps the item', async () => {
    const s = await scene();
    const before = await counts();
    const response = await send(
      desk,
      attack(s, { workstation: DESK_WORKSTATION, dueAt: END_OF_TIME_MS }),
    );
    expect(response.statusCode).toBe(200);
    const result = response.json<OfflineUploadResult>();
    expect(result.summary).toMatchObject({ total: 2, exception: 2, appliedWithWarning: 0 });
    expect((await counts()).loans).toBe(before.loans);
    const report = await reportOf(result.uploadId);
    for (const t of report) {
      expect(t).toMatchObject({
        status: 'exception',
        codes: ['DUE_DATE_OUT_OF_BOUNDS'],
        staffUsername: 'admin',
        sentBy: { username: 'desk' },
        sentFrom: DESK_WORKSTATION,
        uploadSource: 'client',
        branchCode: library.branch.code,
      });
      expect(t.message).toMatch(/later than the longest loan the library allows/);
    }
    const exceptions = (await supervisor.get('/api/offline/exceptions')).json<ExceptionList>();
    const held = exceptions.exceptions.find((e) => e.id === report[0]!.id);
    expect(held?.sentBy.username).toBe('desk');

    // A supervisor who has checked with the desk applies it: due no later than the longest loan.
    const reapplied = await supervisor.post(`/api/offline/exceptions/${report[0]!.id}/reapply`, {});
    expect(reapplied.statusCode).toBe(200);
    const exception = reapplied.json<ExceptionResult>().exception;
    expect(exception.status).toBe('applied_with_warning');
    const loan = await api.db
      .selectFrom('loans')
      .selectAll()
      .where('id', '=', exception.loanId!)
      .executeTakeFirstOrThrow();
    expect(Number(loan.due_at)).toBeLessThanOrEqual(
      exception.correctedAt + (LONGEST_LOAN_DAYS + 16) * DAY_MS,
    );
    const superUser = await api.db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', 'super')
      .executeTakeFirstOrThrow();
    expect(loan.staff_user_id).toBe(superUser.id);
  });

  it('holds a time in the future beyond the clock skew for a supervisor', async () => {
    const s = await scene();
    const ws = offlineWorkstation({
      name: DESK_WORKSTATION,
      branchCode: library.branch.code,
      staffUsername: 'desk',
    });
    const future = BACK_ONLINE_MS + MAX_CLOCK_SKEW_MS + 60_000;
    const response = await send(desk, [
      ws.checkOut({
        patronBarcode: s.borrower.barcode,
        itemBarcode: s.lost.barcode,
        occurredAt: future,
      }),
    ]);
    expect(response.statusCode).toBe(200);
    const [t] = await reportOf(response.json<OfflineUploadResult>().uploadId);
    expect(t).toMatchObject({ status: 'exception', codes: ['TIME_OUT_OF_BOUNDS'], loanId: null });
  });

  it('holds a check-out dated before the snapshot it was recorded with, and applies one after it', async () => {
    const s = await scene();
    const available = await library.item();
    const ws = offlineWorkstation({
      name: DESK_WORKSTATION,
      branchCode: library.branch.code,
      staffUsername: 'desk',
    });
    const before = await counts();
    const response = await send(desk, [
      ws.checkOut({
        patronBarcode: s.borrower.barcode,
        itemBarcode: s.lost.barcode,
        occurredAt: OUTAGE_START_MS - MAX_CLOCK_SKEW_MS - 60_000,
        snapshotAt: OUTAGE_START_MS,
      }),
      ws.checkOut({
        patronBarcode: s.borrower.barcode,
        itemBarcode: available.barcode,
        occurredAt: OUTAGE_START_MS + 60_000,
        snapshotAt: OUTAGE_START_MS,
      }),
    ]);
    expect(response.statusCode).toBe(200);
    const report = await reportOf(response.json<OfflineUploadResult>().uploadId);
    const byItem = new Map(report.map((t) => [t.itemBarcode, t]));
    const early = byItem.get(s.lost.barcode);
    expect(early).toMatchObject({
      status: 'exception',
      codes: ['TIME_OUT_OF_BOUNDS'],
      loanId: null,
    });
    expect(early?.message).toMatch(/before the snapshot it was recorded with was made/);
    expect(byItem.get(available.barcode)).toMatchObject({ status: 'applied', codes: [] });
    expect((await counts()).loans).toBe(before.loans + 1);
  });

  it('makes the loans in the sender’s name at the workstation’s branch, flags what only a supervisor may do, and lists them with the sender', async () => {
    const s = await scene();
    const response = await send(desk, attack(s, { workstation: DESK_WORKSTATION }));
    expect(response.statusCode).toBe(200);
    const result = response.json<OfflineUploadResult>();
    // The patrons have the items: the loans are made, as before, and flagged for review.
    expect(result.summary).toMatchObject({ total: 2, appliedWithWarning: 2 });
    const report = await reportOf(result.uploadId);
    expect(report.map((t) => [t.codes, t.supervisorReview])).toEqual([
      [['CHECKED_IN_FROM_OTHER_PATRON'], true],
      [['PATRON_BLOCKED', 'ITEM_STATUS_LOST'], true],
    ]);
    const deskUser = await api.db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', 'desk')
      .executeTakeFirstOrThrow();
    const loans = await api.db
      .selectFrom('loans')
      .select(['staff_user_id', 'branch_id'])
      .where(
        'id',
        'in',
        report.map((t) => t.loanId!),
      )
      .execute();
    expect(loans).toEqual([
      { staff_user_id: deskUser.id, branch_id: library.branch.id },
      { staff_user_id: deskUser.id, branch_id: library.branch.id },
    ]);
    expect(report.every((t) => t.branchCode === library.branch.code)).toBe(true);
    expect(eastCode).toBe('EAST');

    const review = await supervisor.get('/api/offline/report?review=supervisor');
    const listed = review
      .json<OfflineReport>()
      .transactions.filter((t) => report.some((r) => r.id === t.id));
    expect(listed.map((t) => [t.staffUsername, t.sentBy.username])).toEqual([
      ['admin', 'desk'],
      ['admin', 'desk'],
    ]);

    const csv = await supervisor.get(`/api/offline/report.csv?uploadId=${result.uploadId}`);
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('Recorded by (as the workstation says),Sent by (verified),Sent from');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain(`,admin,desk,${DESK_WORKSTATION},`);
      expect(line).toMatch(/,yes,\d+,/);
    }
  });

  it('holds loans only a supervisor may make when the library says so, until a supervisor applies them', async () => {
    await setPolicy('hold');
    const s = await scene();
    const response = await send(desk, attack(s, { workstation: DESK_WORKSTATION }));
    expect(response.json<OfflineUploadResult>().summary).toMatchObject({ total: 2, exception: 2 });
    const report = await reportOf(response.json<OfflineUploadResult>().uploadId);
    expect(report.map((t) => [t.status, t.codes[0], t.supervisorReview, t.loanId])).toEqual([
      ['exception', 'HELD_FOR_SUPERVISOR', true, null],
      ['exception', 'HELD_FOR_SUPERVISOR', true, null],
    ]);
    const stillOut = await api.db
      .selectFrom('loans')
      .select('returned_at')
      .where('id', '=', s.loanId)
      .executeTakeFirstOrThrow();
    expect(stillOut.returned_at).toBeNull();

    const reapplied = await supervisor.post(`/api/offline/exceptions/${report[0]!.id}/reapply`, {});
    expect(reapplied.json<ExceptionResult>().exception).toMatchObject({
      status: 'applied_with_warning',
      codes: ['CHECKED_IN_FROM_OTHER_PATRON'],
      supervisorReview: false,
    });
  });
});

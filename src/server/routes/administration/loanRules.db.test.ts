import { afterAll, beforeAll, expect, it } from 'vitest';
import { AdminLoanRuleList } from '../../../shared/api/administration.ts';
import { CheckOutResult } from '../../../shared/api/circulation.ts';
import { LoanRule } from '../../../shared/api/library.ts';
import { DEMO_BARCODE_RULES, type BarcodeRules } from '../../../shared/barcodes/barcodes.ts';
import { addDays } from '../../../shared/calendar/dueDates.ts';
import { localEndOfDay } from '../../../shared/calendar/localTime.ts';
import { OfflineSnapshot } from '../../../shared/offline/snapshot.ts';
import { MONDAY_NOON_CHICAGO_MS } from '../../commands/circulationFixture.testing.ts';
import { getLibrarySettings, saveLibrarySettings } from '../../db/librarySettings.ts';
import {
  createTestClock,
  errorOf,
  type SignedInAgent,
  startTestApi,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildItem, buildPatron } from '../../testing/factories.ts';
import { auditCount, auditEntriesOf } from './adminFixture.testing.ts';

/** When a loan made at MONDAY_NOON_CHICAGO_MS for this many days is due. */
const dueAfter = (days: number) => localEndOfDay(addDays('2026-03-02', days), 'America/Chicago');

describeEachEngine('administration API: loan rules and barcode rules', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  let supervisor: SignedInAgent;
  let desk: SignedInAgent;
  let patronTypeId: number;
  let materialTypeId: number;
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(MONDAY_NOON_CHICAGO_MS) });
    await saveLibrarySettings(api.db, {
      ...(await getLibrarySettings(api.db)),
      barcodeRules: DEMO_BARCODE_RULES,
    });
    admin = await api.signIn('rules-admin', 'admin', { workstation: 'MAIN-ADMIN-1' });
    supervisor = await api.signIn('rules-super', 'supervisor');
    desk = await api.signIn('rules-desk', 'circulation', { workstation: 'MAIN-DESK-1' });
    const patronType = await admin.post('/api/admin/patron-types', {
      code: 'ADULT',
      name: 'Adult',
      cardMonths: 36,
    });
    const materialType = await admin.post('/api/admin/material-types', {
      code: 'BOOK',
      name: 'Books',
    });
    patronTypeId = patronType.json<{ id: number }>().id;
    materialTypeId = materialType.json<{ id: number }>().id;
  });
  afterAll(() => api.dispose());

  async function lend(): Promise<number> {
    const patron = await buildPatron(api.db, {
      patron_type_id: patronTypeId,
      home_branch_id: api.branch.id,
    });
    const item = await buildItem(api.db, {
      material_type_id: materialTypeId,
      branch_id: api.branch.id,
    });
    const response = await desk.post('/api/checkouts', {
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
    });
    expect(response.statusCode).toBe(201);
    return CheckOutResult.parse(response.json()).loan.dueAt;
  }

  async function snapshot() {
    const response = await desk.get('/api/offline/snapshot');
    expect(response.statusCode).toBe(200);
    return OfflineSnapshot.parse(response.json());
  }

  let ruleId: number;

  it('adds a rule that the next check-out and the next offline snapshot use', async () => {
    const response = await admin.post('/api/admin/loan-rules', {
      patronTypeCode: 'ADULT',
      materialTypeCode: 'BOOK',
      branchCode: null,
      loanDays: 7,
      maxItems: 5,
      renewalsAllowed: 1,
    });
    expect(response.statusCode).toBe(201);
    const rule = LoanRule.parse(response.json());
    ruleId = rule.id;
    expect(rule).toMatchObject({
      patronType: { code: 'ADULT' },
      materialType: { code: 'BOOK' },
      branch: null,
      loanDays: 7,
      maxItems: 5,
      renewalsAllowed: 1,
    });
    expect(await lend()).toBe(dueAfter(7));
    expect((await snapshot()).loanRules).toContainEqual(
      expect.objectContaining({
        patronType: expect.objectContaining({ code: 'ADULT' }),
        loanDays: 7,
        maxItems: 5,
      }),
    );
    expect(await auditEntriesOf(api.db, 'loan_rule', rule.id)).toEqual([
      expect.objectContaining({
        action: 'loanRule.create',
        actor: 'rules-admin',
        before: null,
        after: rule,
      }),
    ]);
  });

  it('changes a rule: the next loan and the next snapshot follow at once', async () => {
    const response = await admin.put(`/api/admin/loan-rules/${ruleId}`, {
      loanDays: 28,
      maxItems: 9,
      renewalsAllowed: 3,
    });
    expect(response.statusCode).toBe(200);
    const changed = LoanRule.parse(response.json());
    expect(changed).toMatchObject({ loanDays: 28, maxItems: 9, renewalsAllowed: 3 });
    expect(await lend()).toBe(dueAfter(28));
    const adult = (await snapshot()).loanRules.find((r) => r.patronType.code === 'ADULT');
    expect(adult).toMatchObject({ loanDays: 28, maxItems: 9 });
    const [, update] = await auditEntriesOf(api.db, 'loan_rule', ruleId);
    expect(update).toMatchObject({
      action: 'loanRule.update',
      before: expect.objectContaining({ loanDays: 7, maxItems: 5, renewalsAllowed: 1 }),
      after: changed,
    });
    const list = AdminLoanRuleList.parse((await supervisor.get('/api/admin/loan-rules')).json());
    expect(list.loanRules).toContainEqual(changed);
  });

  it('adds a branch’s own rule beside the library-wide one', async () => {
    const response = await admin.post('/api/admin/loan-rules', {
      patronTypeCode: 'adult',
      materialTypeCode: 'BOOK',
      branchCode: 'MAIN',
      loanDays: 10,
      maxItems: 2,
      renewalsAllowed: 0,
    });
    expect(response.statusCode).toBe(201);
    expect(LoanRule.parse(response.json()).branch).toMatchObject({ code: 'MAIN' });
    expect(await lend()).toBe(dueAfter(10));
  });

  it.each([
    [
      { branchCode: null },
      409,
      'ALREADY_EXISTS',
      /for ADULT borrowing BOOK at every branch exists already/,
    ],
    [{ branchCode: 'MAIN' }, 409, 'ALREADY_EXISTS', /at branch MAIN exists already/],
    [{ patronTypeCode: 'NOPE' }, 400, 'BAD_REQUEST', /No patron type has the code NOPE/],
    [{ materialTypeCode: 'NOPE' }, 400, 'BAD_REQUEST', /No material type has the code NOPE/],
    [{ branchCode: 'NOPE' }, 400, 'BAD_REQUEST', /No branch has the code NOPE/],
    [{ loanDays: 0 }, 400, 'BAD_REQUEST', /at least 1 day/],
    [{ loanDays: 3651 }, 400, 'BAD_REQUEST', /at most 3650 days/],
    [{ maxItems: -1 }, 400, 'BAD_REQUEST', /0 \(none may be lent\) or more/],
    [{ maxItems: 1000 }, 400, 'BAD_REQUEST', /at most 999/],
    [{ renewalsAllowed: 100 }, 400, 'BAD_REQUEST', /at most 99/],
    [{ loanDays: '7' }, 400, 'BAD_REQUEST', /whole number of days/],
  ])(
    'refuses %o with a plain message, changing nothing',
    async (overrides, status, code, message) => {
      const rules = await api.db.selectFrom('loan_rules').selectAll().orderBy('id').execute();
      const entries = await auditCount(api.db);
      const response = await admin.post('/api/admin/loan-rules', {
        patronTypeCode: 'ADULT',
        materialTypeCode: 'BOOK',
        branchCode: null,
        loanDays: 7,
        maxItems: 5,
        renewalsAllowed: 1,
        ...overrides,
      });
      expect(response.statusCode).toBe(status);
      expect(errorOf(response)).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await api.db.selectFrom('loan_rules').selectAll().orderBy('id').execute()).toEqual(
        rules,
      );
      expect(await auditCount(api.db)).toBe(entries);
    },
  );

  it('keeps one rule when two administrators add the same one at the same moment', async () => {
    const rule = {
      patronTypeCode: 'ADULT',
      materialTypeCode: 'BOOK',
      branchCode: null,
      loanDays: 5,
      maxItems: 1,
      renewalsAllowed: 0,
    };
    const other = await api.signIn('rules-admin-2', 'admin');
    const patronType = await admin.post('/api/admin/patron-types', {
      code: 'TWIN',
      name: 'Twin',
      cardMonths: 12,
    });
    expect(patronType.statusCode).toBe(201);
    const twin = { ...rule, patronTypeCode: 'TWIN' };
    const answers = await Promise.all([
      admin.post('/api/admin/loan-rules', twin),
      other.post('/api/admin/loan-rules', twin),
    ]);
    expect(answers.map((a) => a.statusCode).toSorted()).toEqual([201, 409]);
    const stored = await api.db
      .selectFrom('loan_rules')
      .innerJoin('patron_types', 'patron_types.id', 'loan_rules.patron_type_id')
      .where('patron_types.code', '=', 'TWIN')
      .select('loan_rules.id')
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('refuses a change out of range, keeping the rule', async () => {
    const response = await admin.put(`/api/admin/loan-rules/${ruleId}`, {
      loanDays: 28,
      maxItems: 9,
      renewalsAllowed: -1,
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(/0 \(none\) or more/);
    expect(
      await api.db
        .selectFrom('loan_rules')
        .select('renewals_allowed')
        .where('id', '=', ruleId)
        .executeTakeFirst(),
    ).toEqual({ renewals_allowed: 3 });
  });

  it('lets supervisors read the rules but not change them, and the desk neither', async () => {
    expect((await supervisor.get('/api/admin/loan-rules')).statusCode).toBe(200);
    expect((await supervisor.delete(`/api/admin/loan-rules/${ruleId}`)).statusCode).toBe(403);
    expect((await desk.get('/api/admin/loan-rules')).statusCode).toBe(403);
    expect(
      (
        await desk.put(`/api/admin/loan-rules/${ruleId}`, {
          loanDays: 1,
          maxItems: 1,
          renewalsAllowed: 0,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('deletes a rule, logging what it was', async () => {
    const before = LoanRule.parse(
      (await admin.get('/api/admin/loan-rules'))
        .json<{ loanRules: unknown[] }>()
        .loanRules.find((r) => (r as { id: number }).id === ruleId),
    );
    const response = await admin.delete(`/api/admin/loan-rules/${ruleId}`);
    expect(response.statusCode).toBe(204);
    expect(
      await api.db.selectFrom('loan_rules').where('id', '=', ruleId).selectAll().execute(),
    ).toEqual([]);
    const entries = await auditEntriesOf(api.db, 'loan_rule', ruleId);
    expect(entries.at(-1)).toMatchObject({ action: 'loanRule.delete', before, after: null });
    const again = await admin.delete(`/api/admin/loan-rules/${ruleId}`);
    expect(again.statusCode).toBe(404);
  });

  it('changes the barcode rules, which the next snapshot carries', async () => {
    const rules: BarcodeRules = {
      patron: { length: 10, prefix: 'P', checkDigit: 'none' },
      item: { length: 12, prefix: '', checkDigit: 'mod10' },
    };
    expect((await supervisor.get('/api/admin/barcode-rules')).json()).toEqual(DEMO_BARCODE_RULES);
    const response = await admin.put('/api/admin/barcode-rules', rules);
    expect(response.statusCode).toBe(200);
    expect((await snapshot()).barcodeRules).toEqual(rules);
    expect(await auditEntriesOf(api.db, 'barcode_rules', null)).toEqual([
      expect.objectContaining({
        action: 'barcodeRules.update',
        before: DEMO_BARCODE_RULES,
        after: rules,
      }),
    ]);
  });

  it('refuses barcode rules that cannot be met, keeping the old ones', async () => {
    const current = (await admin.get('/api/admin/barcode-rules')).json<BarcodeRules>();
    const entries = await auditCount(api.db);
    const response = await admin.put('/api/admin/barcode-rules', {
      ...current,
      item: { length: 14, prefix: 'B', checkDigit: 'mod10' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(/digits only, so its prefix must be digits too/);
    expect((await admin.get('/api/admin/barcode-rules')).json()).toEqual(current);
    expect(await auditCount(api.db)).toBe(entries);
    expect((await supervisor.put('/api/admin/barcode-rules', current)).statusCode).toBe(403);
  });
});

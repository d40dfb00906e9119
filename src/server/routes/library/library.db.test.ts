import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BranchList,
  ClosedDayCreated,
  ClosedDayList,
  LoanRuleList,
} from '../../../shared/api/library.ts';
import { errorOf, startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import {
  buildBranch,
  buildLoanRule,
  buildMaterialType,
  buildPatronType,
} from '../../testing/factories.ts';

describeEachEngine('library set-up API', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('lists branches with their closed weekdays', async () => {
    await buildBranch(api.db, {
      code: 'EAST',
      name: 'East Branch',
      time_zone: 'America/New_York',
      closed_weekdays: '0,6',
    });
    const desk = await api.signIn('desk-branches');
    const response = await desk.get('/api/library/branches');
    expect(response.statusCode).toBe(200);
    const { branches } = BranchList.parse(response.json());
    expect(branches.find((branch) => branch.code === 'EAST')).toMatchObject({
      name: 'East Branch',
      timeZone: 'America/New_York',
      closedWeekdays: [0, 6],
    });
    expect(branches.find((branch) => branch.code === 'MAIN')?.closedWeekdays).toEqual([]);
  });

  it('lists loan rules with patron type, material type and branch', async () => {
    const patronType = await buildPatronType(api.db, { code: 'ADULT', name: 'Adult' });
    const materialType = await buildMaterialType(api.db, { code: 'DVD', name: 'DVDs' });
    await buildLoanRule(api.db, {
      patron_type_id: patronType.id,
      material_type_id: materialType.id,
      loan_days: 7,
      max_items: 3,
    });
    await buildLoanRule(api.db, {
      patron_type_id: patronType.id,
      material_type_id: materialType.id,
      branch_id: api.branch.id,
      loan_days: 3,
      max_items: 2,
    });
    const desk = await api.signIn('desk-rules');
    const response = await desk.get('/api/library/loan-rules');
    expect(response.statusCode).toBe(200);
    const { loanRules } = LoanRuleList.parse(response.json());
    const dvd = loanRules.filter((rule) => rule.materialType.code === 'DVD');
    expect(dvd).toEqual([
      expect.objectContaining({
        patronType: { code: 'ADULT', name: 'Adult' },
        materialType: { code: 'DVD', name: 'DVDs' },
        branch: null,
        loanDays: 7,
        maxItems: 3,
      }),
      expect.objectContaining({ branch: expect.objectContaining({ code: 'MAIN' }), loanDays: 3 }),
    ]);
  });

  it('lets an admin add and remove closed days; lists them in date order within a range', async () => {
    const admin = await api.signIn('admin-closed', 'admin');
    for (const [date, reason] of [
      ['2026-12-25', 'Christmas Day'],
      ['2026-12-24', 'Christmas Eve'],
      ['2027-01-01', 'New Year’s Day'],
    ]) {
      const created = await admin.post('/api/library/closed-days', {
        branch: 'MAIN',
        date,
        reason,
      });
      expect(created.statusCode).toBe(201);
      expect(ClosedDayCreated.parse(created.json()).closedDay).toEqual({ date, reason });
    }

    const all = await admin.get('/api/library/closed-days?branch=MAIN');
    expect(ClosedDayList.parse(all.json()).closedDays.map((day) => day.date)).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2027-01-01',
    ]);
    const december = await admin.get(
      '/api/library/closed-days?branch=MAIN&from=2026-12-01&to=2026-12-31',
    );
    expect(ClosedDayList.parse(december.json()).closedDays).toEqual([
      { date: '2026-12-24', reason: 'Christmas Eve' },
      { date: '2026-12-25', reason: 'Christmas Day' },
    ]);

    const duplicate = await admin.post('/api/library/closed-days', {
      branch: 'MAIN',
      date: '2026-12-25',
      reason: 'Again',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(errorOf(duplicate).code).toBe('CLOSED_DAY_EXISTS');
    expect(errorOf(duplicate).message).toMatch(/already closed on Fri 25 Dec 2026/);

    const removed = await admin.delete('/api/library/closed-days/MAIN/2026-12-24');
    expect(removed.statusCode).toBe(204);
    const gone = await admin.delete('/api/library/closed-days/MAIN/2026-12-24');
    expect(gone.statusCode).toBe(404);
    expect(errorOf(gone).code).toBe('NOT_FOUND');
    const after = await admin.get('/api/library/closed-days?branch=MAIN');
    expect(ClosedDayList.parse(after.json()).closedDays.map((day) => day.date)).toEqual([
      '2026-12-25',
      '2027-01-01',
    ]);
  });

  it('refuses dates that do not exist, unknown branches and reversed ranges', async () => {
    const admin = await api.signIn('admin-bad', 'admin');
    const impossible = await admin.post('/api/library/closed-days', {
      branch: 'MAIN',
      date: '2026-02-30',
      reason: 'Nope',
    });
    expect(impossible.statusCode).toBe(400);
    expect(errorOf(impossible).code).toBe('BAD_REQUEST');
    const badDelete = await admin.delete('/api/library/closed-days/MAIN/25-12-2026');
    expect(badDelete.statusCode).toBe(400);
    const unknown = await admin.post('/api/library/closed-days', {
      branch: 'NOWHERE',
      date: '2026-12-26',
      reason: 'Boxing Day',
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).message).toMatch(/NOWHERE/);
    const reversed = await admin.get(
      '/api/library/closed-days?branch=MAIN&from=2026-12-31&to=2026-12-01',
    );
    expect(reversed.statusCode).toBe(400);
    const days = await admin.get(
      '/api/library/closed-days?branch=MAIN&from=2026-12-26&to=2026-12-26',
    );
    expect(ClosedDayList.parse(days.json()).closedDays).toEqual([]);
  });

  it('lets circulation staff read closed days but not change them', async () => {
    const desk = await api.signIn('desk-closed');
    expect((await desk.get('/api/library/closed-days?branch=MAIN')).statusCode).toBe(200);
    const add = await desk.post('/api/library/closed-days', {
      branch: 'MAIN',
      date: '2026-07-04',
      reason: 'Independence Day',
    });
    expect(add.statusCode).toBe(403);
    expect(errorOf(add).code).toBe('FORBIDDEN');
    const supervisor = await api.signIn('super-closed', 'supervisor');
    const remove = await supervisor.delete('/api/library/closed-days/MAIN/2026-12-25');
    expect(remove.statusCode).toBe(403);
  });
});

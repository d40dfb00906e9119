import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditLogPage } from '../../../shared/api/administration.ts';
import { COMMAND_LINE_ACTOR, recordAudit } from '../../db/auditLog.ts';
import {
  createTestClock,
  errorOf,
  type SignedInAgent,
  startTestApi,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

/** Tuesday 3 March 2026, 23:30 in Chicago (CST, UTC−6): already Wednesday in UTC. */
const TUESDAY_LATE_CHICAGO_MS = Date.UTC(2026, 2, 4, 5, 30);
const HOUR_MS = 3_600_000;

describeEachEngine('GET /api/audit-log', (engine) => {
  let api: TestApi;
  let admin: SignedInAgent;
  let supervisor: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(TUESDAY_LATE_CHICAGO_MS) });
    admin = await api.signIn('log-admin', 'admin');
    supervisor = await api.signIn('log-super', 'supervisor');
    // Tuesday evening in Chicago: a branch, then a patron type.
    await admin.post('/api/admin/branches', {
      code: 'LOGB',
      name: 'Log Branch',
      timeZone: 'America/Chicago',
      closedWeekdays: [],
    });
    api.clock.advance(HOUR_MS); // Wednesday 00:30 in Chicago
    await admin.post('/api/admin/patron-types', { code: 'LOGP', name: 'Log type', cardMonths: 12 });
    await recordAudit(api.db, {
      actor: COMMAND_LINE_ACTOR,
      action: 'staffUser.create',
      subjectType: 'staff_user',
      subjectId: 42,
      before: null,
      after: { username: 'first-admin' },
      at: api.clock.now(),
    });
  });
  afterAll(() => api.dispose());

  async function read(query: string): Promise<AuditLogPage> {
    const response = await supervisor.get(`/api/audit-log${query}`);
    expect(response.statusCode).toBe(200);
    return AuditLogPage.parse(response.json());
  }

  it('lists every change newest first, with who, when, before and after', async () => {
    const page = await read('');
    expect(page.entries.map((e) => e.action)).toEqual([
      'staffUser.create',
      'patronType.create',
      'branch.create',
    ]);
    expect(page.entries[0]).toMatchObject({ actor: 'command line', staffUserId: null });
    expect(page.entries[2]).toMatchObject({
      actor: 'log-admin',
      staffUserId: admin.user.id,
      at: TUESDAY_LATE_CHICAGO_MS,
      subjectType: 'branch',
      before: null,
      after: expect.objectContaining({ code: 'LOGB', name: 'Log Branch' }),
    });
    expect(page).toMatchObject({ hasMore: false, offset: 0, timeZone: 'America/Chicago' });
  });

  it('filters by action, subject, staff member and subject id', async () => {
    expect((await read('?action=branch.create')).entries.map((e) => e.subjectType)).toEqual([
      'branch',
    ]);
    expect((await read('?subjectType=patron_type')).entries.map((e) => e.action)).toEqual([
      'patronType.create',
    ]);
    expect((await read('?actor=command%20line')).entries.map((e) => e.subjectId)).toEqual(['42']);
    expect((await read('?actor=log-admin')).entries).toHaveLength(2);
    expect((await read('?subjectType=staff_user&subjectId=42')).entries).toHaveLength(1);
    expect((await read('?action=loanRule.delete')).entries).toEqual([]);
  });

  it('reads a date range as days in the branch’s time zone', async () => {
    expect((await read('?from=2026-03-03&to=2026-03-03')).entries.map((e) => e.action)).toEqual([
      'branch.create',
    ]);
    expect((await read('?from=2026-03-04')).entries.map((e) => e.action)).toEqual([
      'staffUser.create',
      'patronType.create',
    ]);
    expect((await read('?to=2026-03-02')).entries).toEqual([]);
  });

  it('pages newest first', async () => {
    const first = await read('?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = await read('?limit=2&offset=2');
    expect(second.entries.map((e) => e.action)).toEqual(['branch.create']);
    expect(second.hasMore).toBe(false);
  });

  it.each([
    ['?from=2026-03-05&to=2026-03-01', /starts after it ends/],
    ['?from=2026-02-30', /does not exist on the calendar/],
    ['?limit=0', /at least 1/],
    ['?limit=500', /at most 200/],
    ['?offset=-1', /0 or more/],
  ])('refuses %s with a plain message', async (query, message) => {
    const response = await supervisor.get(`/api/audit-log${query}`);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(message);
  });

  it('is not for the circulation desk', async () => {
    const desk = await api.signIn('log-desk', 'circulation');
    const response = await desk.get('/api/audit-log');
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
  });
});

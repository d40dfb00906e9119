import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE, SessionInfo } from '../../../shared/api/session.ts';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildStaffUser, TEST_STAFF_PASSWORD } from '../../testing/factories.ts';

describeEachEngine('session routes', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('sign a staff member in with an HttpOnly, SameSite=Strict cookie and return SessionInfo', async () => {
    await buildStaffUser(api.db, { username: 'ada', branch_id: api.branch.id });
    const response = await api
      .anonymous()
      .post('/api/session', { username: 'ada', password: TEST_STAFF_PASSWORD });
    expect(response.statusCode).toBe(200);
    const info = SessionInfo.parse(response.json());
    expect(info.user).toMatchObject({ username: 'ada', role: 'circulation' });
    expect(info.user.branch.code).toBe('MAIN');
    expect(info.workstation).toBeNull();
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('answer 401 to GET /api/session without a session', async () => {
    const response = await api.anonymous().get('/api/session');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

describeEachEngine('POST /api/staff-users/:id/sessions/end', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('ends every session of that staff member, on every computer, and no one else’s', async () => {
    const admin = await api.signIn('lost-laptop-admin', 'admin');
    const laptop = await api.signIn('lost-laptop');
    const desk = await api.signIn('lost-laptop');
    const colleague = await api.signIn('lost-laptop-colleague');

    const response = await admin.post(`/api/staff-users/${laptop.user.id}/sessions/end`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ endedSessions: 2 });
    expect((await laptop.get('/api/session')).statusCode).toBe(401);
    expect((await desk.get('/api/session')).statusCode).toBe(401);
    expect((await colleague.get('/api/session')).statusCode).toBe(200);
    expect((await admin.get('/api/session')).statusCode).toBe(200);
    // The staff member can sign in again as soon as they have their password.
    await api.signIn('lost-laptop');
  });

  it('is for administrators only', async () => {
    const target = await api.signIn('kept-signed-in');
    for (const role of ['circulation', 'supervisor'] as const) {
      const agent = await api.signIn(`not-admin-${role}`, role);
      const response = await agent.post(`/api/staff-users/${target.user.id}/sessions/end`);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    expect((await target.get('/api/session')).statusCode).toBe(200);
  });

  it('says so when there is no such staff member, and ends nothing', async () => {
    const admin = await api.signIn('lost-laptop-admin-2', 'admin');
    const missing = await admin.post('/api/staff-users/999999/sessions/end');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.json().error.message).toMatch(/No staff member has the id 999999/);
    const malformed = await admin.post('/api/staff-users/not-a-number/sessions/end');
    expect(malformed.statusCode).toBe(400);
    expect((await admin.get('/api/session')).statusCode).toBe(200);
  });
});

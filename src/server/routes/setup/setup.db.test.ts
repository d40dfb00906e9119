import { afterEach, beforeEach, expect, it } from 'vitest';
import { openEmptyApp, type EmptyApp } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { buildStaffUser } from '../../testing/factories.ts';

describeEachEngine('GET /api/setup', (engine) => {
  let empty: EmptyApp;
  beforeEach(async () => {
    empty = await openEmptyApp(engine);
  });
  afterEach(() => empty.close());

  const ask = () => empty.app.inject({ method: 'GET', url: '/api/setup' });

  it('answers anyone, signed in or not, with that one fact and nothing kept', async () => {
    const response = await ask();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ needsAdministrator: true });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(empty.app.routeAccess).toContainEqual({
      method: 'GET',
      url: '/api/setup',
      access: { public: true },
    });
  });

  it('needs an administrator until one that may sign in exists', async () => {
    const desk = await buildStaffUser(empty.test.db, { role: 'circulation' });
    await buildStaffUser(empty.test.db, { role: 'supervisor', branch_id: desk.branch_id });
    expect((await ask()).json()).toEqual({ needsAdministrator: true });
    await buildStaffUser(empty.test.db, {
      role: 'admin',
      branch_id: desk.branch_id,
      disabled_at: 1,
    });
    expect((await ask()).json()).toEqual({ needsAdministrator: true });
    await buildStaffUser(empty.test.db, { role: 'admin', branch_id: desk.branch_id });
    expect((await ask()).json()).toEqual({ needsAdministrator: false });
  });
});

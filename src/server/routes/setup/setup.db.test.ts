import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp, type CircaApp } from '../../app.ts';
import { testConfig } from '../../testing/apiHarness.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../../testing/engines.ts';
import { buildStaffUser } from '../../testing/factories.ts';

describeEachEngine('GET /api/setup', (engine) => {
  let test: TestDatabase;
  let app: CircaApp;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
    app = buildApp({ db: test.db, config: testConfig() });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await test.dispose();
  });

  const ask = () => app.inject({ method: 'GET', url: '/api/setup' });

  it('answers anyone, signed in or not, with that one fact and nothing kept', async () => {
    const response = await ask();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ needsAdministrator: true });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(app.routeAccess).toContainEqual({
      method: 'GET',
      url: '/api/setup',
      access: { public: true },
    });
  });

  it('needs an administrator until one that may sign in exists', async () => {
    const desk = await buildStaffUser(test.db, { role: 'circulation' });
    await buildStaffUser(test.db, { role: 'supervisor', branch_id: desk.branch_id });
    expect((await ask()).json()).toEqual({ needsAdministrator: true });
    await buildStaffUser(test.db, { role: 'admin', branch_id: desk.branch_id, disabled_at: 1 });
    expect((await ask()).json()).toEqual({ needsAdministrator: true });
    await buildStaffUser(test.db, { role: 'admin', branch_id: desk.branch_id });
    expect((await ask()).json()).toEqual({ needsAdministrator: false });
  });
});

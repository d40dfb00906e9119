// Every API answer is no-store: each route from the app's own route table, so a new route cannot
// be left out, called signed out and as each role, plus unknown addresses and broken bodies.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isStateChanging } from './auth/csrf.ts';
import type { RouteAccess } from './auth/guard.ts';
import { STAFF_ROLES } from './db/schema.ts';
import { startTestApi, type ApiAgent, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine } from './testing/engines.ts';

/** A concrete address for a route pattern: every :param and * filled with a plausible value. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*/g, 'x');
}

async function cacheControlOf(agent: ApiAgent, route: RouteAccess): Promise<string> {
  const response = await agent.request({
    method: route.method as 'GET',
    url: concreteUrl(route.url),
    ...(isStateChanging(route.method) ? { body: {} } : {}),
  });
  return `${response.statusCode} ${String(response.headers['cache-control'])}`;
}

describeEachEngine('API answers are never cached', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('sends no-store on every API route, signed out and for each role', async () => {
    const apiRoutes = api.app.routeAccess.filter((r) => r.url.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of apiRoutes) {
      const where = `${route.method} ${route.url}`;
      const anonymous = await cacheControlOf(api.anonymous(), route);
      if (!anonymous.endsWith(' no-store')) problems.push(`${where} signed out: ${anonymous}`);
      for (const role of STAFF_ROLES) {
        // A fresh session per call: sign-out ends the session it is called with.
        const agent = await api.signIn(`cache-${role}`, role);
        const answer = await cacheControlOf(agent, route);
        if (!answer.endsWith(' no-store')) problems.push(`${where} as ${role}: ${answer}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sends no-store on a patron found, refused and unknown, and on broken requests', async () => {
    const desk = await api.signIn('cache-desk');
    const answers = [
      await desk.get('/api/patrons/21005001000128'),
      await api.anonymous().get('/api/patrons/21005001000128'),
      await desk.get('/api/no-such-route'),
      await desk.get('/api//session'),
      await desk.post('/api/checkouts', '{not json', { 'content-type': 'application/json' }),
    ];
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });
});

// The authorization matrix: every registered route, taken from the app's own route table so a new
// route cannot be left out, called without a session, with each role, and without the CSRF token.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_ROLES } from '../db/schema.ts';
import type { RouteAccess } from '../auth/guard.ts';
import { isStateChanging } from '../auth/csrf.ts';
import { startTestApi, type ApiAgent, type TestApi } from '../testing/apiHarness.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { can } from './policies.ts';

const GATE_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_REJECTED']);

/** A concrete address for a route pattern: every :param and * filled with a plausible value. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*/g, 'x');
}

/** What a browser sends with a request another site's page made; each alone must be refused. */
const CROSS_SITE_HEADERS: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'same-site' },
];

async function call(agent: ApiAgent, route: RouteAccess, headers: Record<string, string> = {}) {
  const response = await agent.request({
    method: route.method as 'GET',
    url: concreteUrl(route.url),
    headers,
    ...(isStateChanging(route.method) ? { body: {} } : {}),
  });
  let code: string | undefined;
  try {
    code = response.json().error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.statusCode, code };
}

describeEachEngine('authorization matrix', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, {
      // A route only admins may call, so the matrix is seen refusing as well as allowing.
      beforeReady: (app) =>
        app.register(async (scope) => {
          scope.post(
            '/api/test/admin-only',
            { config: { policy: 'closedDays.manage' } },
            async () => ({
              ok: true,
            }),
          );
        }),
    });
  });
  afterAll(() => api.dispose());

  it('covers the routes every area relies on', () => {
    const listed = api.app.routeAccess.map((r) => `${r.method} ${r.url}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/session',
        'GET /api/session',
        'DELETE /api/session',
        'PUT /api/session/workstation',
        'POST /api/session/sign-out-everywhere',
        'POST /api/staff-users/:id/sessions/end',
        'GET /api/workstations/suggestion',
        'GET /api/health',
        'GET /api/openapi.json',
        'POST /api/checkouts',
        'POST /api/checkins',
        'GET /api/patrons/:barcode',
        'POST /api/offline/transactions',
        'POST /api/offline/files',
        'GET /api/offline/report.csv',
        'POST /api/offline/exceptions/:id/reapply',
        'POST /api/library/closed-days',
        'POST /api/test/admin-only',
      ]),
    );
  });

  it('lets only the roles the policy table names through each route', async () => {
    const problems: string[] = [];
    const apiRoutes = api.app.routeAccess.filter((r) => r.url.startsWith('/api/'));
    for (const route of apiRoutes) {
      const where = `${route.method} ${route.url}`;
      const anonymous = await call(api.anonymous(), route);
      if (anonymous.status >= 500) problems.push(`${where} without a session: ${anonymous.status}`);
      if (isStateChanging(route.method)) {
        // Public changes too (sign-in): refused before anything else when sent from another site.
        const crossSite = await call(api.anonymous(), route, { origin: 'https://evil.example' });
        if (crossSite.status !== 403 || crossSite.code !== 'CSRF_REJECTED') {
          problems.push(`${where} from another site without a session: ${crossSite.status}`);
        }
      }

      if ('public' in route.access) {
        if (anonymous.code && GATE_CODES.has(anonymous.code)) {
          problems.push(`${where} is public but refused an anonymous caller (${anonymous.code})`);
        }
        continue;
      }
      const policy = route.access.policy;
      if (anonymous.status !== 401 || anonymous.code !== 'UNAUTHENTICATED') {
        problems.push(`${where} without a session: ${anonymous.status} ${anonymous.code}, not 401`);
      }

      for (const role of STAFF_ROLES) {
        // A fresh session per call: some routes (sign-out) end the session they are called with.
        const agent = await api.signIn(`matrix-${role}`, role);
        const result = await call(agent, route);
        if (result.status >= 500) problems.push(`${where} as ${role}: ${result.status}`);
        if (can(role, policy)) {
          if (result.code && GATE_CODES.has(result.code)) {
            problems.push(`${where} as ${role} is allowed by ${policy} but got ${result.code}`);
          }
        } else if (result.status !== 403 || result.code !== 'FORBIDDEN') {
          problems.push(
            `${where} as ${role} should be FORBIDDEN by ${policy}: ${result.status} ${result.code}`,
          );
        }

        if (isStateChanging(route.method)) {
          const withoutToken = await api.signIn(`matrix-${role}`, role);
          withoutToken.csrfToken = undefined;
          const refused = await call(withoutToken, route);
          if (refused.status !== 403 || refused.code !== 'CSRF_REJECTED') {
            problems.push(
              `${where} as ${role} without the CSRF token: ${refused.status} ${refused.code}`,
            );
          }
          // The token alone is not enough: a request the browser says came from elsewhere is refused.
          const withToken = await api.signIn(`matrix-${role}`, role);
          for (const headers of CROSS_SITE_HEADERS) {
            const crossSite = await call(withToken, route, headers);
            if (crossSite.status !== 403 || crossSite.code !== 'CSRF_REJECTED') {
              problems.push(
                `${where} as ${role} from ${JSON.stringify(headers)}: ${crossSite.status} ${crossSite.code}`,
              );
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Every route, every role, every way in: hundreds of requests, a minute on a busy machine.
  }, 90_000);
});

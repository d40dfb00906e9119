import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CSRF_HEADER } from '../shared/api/session.ts';
import { buildApp, type CircaApp } from './app.ts';
import { requireWorkstation } from './auth/guard.ts';
import { startTestApi, testConfig, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from './testing/engines.ts';
import { TEST_STAFF_PASSWORD } from './testing/factories.ts';

/** Routes only these tests need: one per kind of access, and one that fails unexpectedly. */
function addTestRoutes(app: CircaApp) {
  app.register(async (scope) => {
    scope.post(
      '/api/test/closed-days',
      { config: { policy: 'closedDays.manage' }, schema: { body: z.object({ date: z.string() }) } },
      async () => ({ ok: true }),
    );
    scope.get('/api/test/workstation', { config: { policy: 'session.read' } }, async (request) => ({
      name: requireWorkstation(request).name,
    }));
    scope.get('/api/test/crash', { config: { public: true } }, async () => {
      throw new Error('database password is hunter2 at /srv/secret');
    });
    scope.post('/api/test/log', { config: { public: true } }, async (request) => {
      request.log.info({ headers: request.headers, body: request.body }, 'echo for the log test');
      return { ok: true };
    });
  });
}

describeEachEngine('the access gate', (engine) => {
  let api: TestApi;
  const logLines: string[] = [];
  beforeAll(async () => {
    api = await startTestApi(engine, {
      beforeReady: addTestRoutes,
      logger: { level: 'info', stream: { write: (line) => void logLines.push(line) } },
    });
  });
  afterAll(() => api.dispose());

  describe('without a session', () => {
    it('answers 401 UNAUTHENTICATED on every non-public route', async () => {
      const agent = api.anonymous();
      for (const response of [
        await agent.get('/api/session'),
        await agent.get('/api/workstations/suggestion'),
        await agent.get('/api/openapi.json'),
        await agent.put('/api/session/workstation', { name: 'X' }),
        await agent.delete('/api/session'),
        await agent.post('/api/test/closed-days', { date: '2026-12-25' }),
      ]) {
        expect(response.statusCode).toBe(401);
        expect(response.json().error.code).toBe('UNAUTHENTICATED');
      }
    });

    it('answers 401 for a made-up session cookie', async () => {
      const response = await api.anonymous().get('/api/session', {
        cookie: 'circa_session=bm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWF0LWFsbC4uLi4',
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a change without the CSRF header, and changes nothing', async () => {
      const agent = await api.signIn('csrf-missing', 'circulation', { workstation: null });
      const token = agent.csrfToken;
      agent.csrfToken = undefined;
      const response = await agent.put('/api/session/workstation', { name: 'SHOULD-NOT-EXIST' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('CSRF_REJECTED');
      agent.csrfToken = token;
      expect((await agent.get('/api/session')).json().workstation).toBeNull();
      const created = await api.db
        .selectFrom('workstations')
        .select('id')
        .where('name', '=', 'SHOULD-NOT-EXIST')
        .execute();
      expect(created).toEqual([]);
    });

    it('refuses a wrong CSRF token, including another session’s', async () => {
      const victim = await api.signIn('csrf-victim');
      const attacker = await api.signIn('csrf-attacker');
      for (const wrong of ['', 'x', attacker.csrfToken ?? '', `${victim.csrfToken}x`]) {
        const response = await victim.put(
          '/api/session/workstation',
          { name: 'W' },
          {
            [CSRF_HEADER]: wrong,
          },
        );
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('CSRF_REJECTED');
      }
    });

    it('refuses a change the browser marks as cross-site, even with the right token', async () => {
      const agent = await api.signIn('csrf-cross');
      const crossOrigin = await agent.put(
        '/api/session/workstation',
        { name: 'W1' },
        {
          origin: 'https://evil.example',
        },
      );
      expect(crossOrigin.statusCode).toBe(403);
      expect(crossOrigin.json().error.message).toContain('evil.example');
      const nullOrigin = await agent.put(
        '/api/session/workstation',
        { name: 'W1' },
        {
          origin: 'null',
        },
      );
      expect(nullOrigin.statusCode).toBe(403);
      const fetchSite = await agent.put(
        '/api/session/workstation',
        { name: 'W1' },
        {
          'sec-fetch-site': 'cross-site',
        },
      );
      expect(fetchSite.statusCode).toBe(403);
      expect(fetchSite.json().error.code).toBe('CSRF_REJECTED');
    });

    it('refuses a cross-site sign-in (login CSRF)', async () => {
      await api.signIn('login-csrf');
      const response = await api
        .anonymous()
        .post(
          '/api/session',
          { username: 'login-csrf', password: TEST_STAFF_PASSWORD },
          { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        );
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('CSRF_REJECTED');
    });

    it('accepts a same-origin change carrying the token', async () => {
      const agent = await api.signIn('csrf-ok');
      const response = await agent.put(
        '/api/session/workstation',
        { name: 'SAME-ORIGIN-1' },
        {
          origin: 'http://localhost:80',
          host: 'localhost:80',
          'sec-fetch-site': 'same-origin',
        },
      );
      expect(response.statusCode).toBe(200);
    });

    it('lets reads through without the token', async () => {
      const agent = await api.signIn('reads');
      agent.csrfToken = undefined;
      expect((await agent.get('/api/session')).statusCode).toBe(200);
    });
  });

  describe('policies', () => {
    it('answer 403 FORBIDDEN when the role may not, naming who may', async () => {
      const desk = await api.signIn('policy-desk', 'circulation');
      const response = await desk.post('/api/test/closed-days', { date: '2026-12-25' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'FORBIDDEN',
        details: { action: 'closedDays.manage', role: 'circulation' },
      });
      expect(response.json().error.message).toContain('admin');
      const supervisor = await api.signIn('policy-super', 'supervisor');
      expect(
        (await supervisor.post('/api/test/closed-days', { date: '2026-12-25' })).statusCode,
      ).toBe(403);
    });

    it('let the role through when the table allows it', async () => {
      const admin = await api.signIn('policy-admin', 'admin');
      const response = await admin.post('/api/test/closed-days', { date: '2026-12-25' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true });
    });
  });

  describe('requireWorkstation', () => {
    it('refuses with WORKSTATION_REQUIRED until the browser has named its workstation', async () => {
      const agent = await api.signIn('no-desk-yet', 'circulation', { workstation: null });
      const refused = await agent.get('/api/test/workstation');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('WORKSTATION_REQUIRED');
      expect(refused.json().error.message).toContain('Enter the workstation name');
      await agent.put('/api/session/workstation', { name: 'MAIN-DESK-9' });
      expect((await agent.get('/api/test/workstation')).json()).toEqual({ name: 'MAIN-DESK-9' });
    });
  });

  describe('errors', () => {
    it('hide the internals of an unexpected failure and log them instead', async () => {
      const response = await api.anonymous().get('/api/test/crash');
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe('INTERNAL');
      expect(response.body).not.toContain('hunter2');
      expect(response.body).not.toContain('/srv/secret');
      expect(logLines.join('')).toContain('hunter2');
    });

    it('answer JSON 404 for unknown API addresses, whatever the method', async () => {
      for (const method of ['GET', 'POST', 'DELETE'] as const) {
        const response = await api.anonymous().request({ method, url: '/api/no-such-thing' });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toContain('application/json');
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
    });

    it('answer 413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
      const response = await api.anonymous().post('/api/session', {
        username: 'x',
        password: 'p'.repeat(2 * 1024 * 1024),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it("answer 400 naming the field when the validator's own message is all there is", async () => {
      const response = await api.anonymous().post('/api/session', { username: 'x' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(
        /^Some of what was sent is not valid\. password: /,
      );
    });

    it('answer 400 for a body that is not JSON', async () => {
      const response = await api.anonymous().post('/api/session', '{"username": ', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'BAD_REQUEST' });
      expect(response.json().error.message).toMatch(/JSON/);
    });

    it('answer 415 BAD_REQUEST for a content type the API does not take', async () => {
      const response = await api.anonymous().post('/api/session', 'username=a&password=b', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('BAD_REQUEST');
      expect(response.json().error.message).toContain('application/json');
    });
  });

  it('never writes passwords, session cookies or CSRF tokens to the log', async () => {
    const password = 'unmistakable-P4ssw0rd';
    const agent = await api.signIn('logged', 'circulation', { password });
    await agent.get('/api/session');
    await agent.post(
      '/api/test/log',
      { password, note: 'visible' },
      { cookie: `circa_session=${agent.sessionToken}`, authorization: 'Bearer abc.def' },
    );
    const log = logLines.join('');
    expect(log).toContain('echo for the log test');
    expect(log).toContain('visible');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(password);
    expect(log).not.toContain(agent.sessionToken);
    expect(log).not.toContain(agent.csrfToken);
    expect(log).not.toContain('abc.def');
  });

  it('sends the security headers, with a strict CSP and no HSTS over plain HTTP', async () => {
    const response = await api.anonymous().get('/api/health');
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "worker-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describeEachEngine('app start-up', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.dispose());

  const appWith = (config: Record<string, unknown>) => {
    const app = buildApp({ db: database.db, config: testConfig() });
    app.register(async (scope) => {
      scope.route({ method: 'GET', url: '/api/forgotten', config, handler: async () => 'open' });
    });
    return app;
  };

  it('fails when a route says neither public nor policy', async () => {
    const app = appWith({});
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten does not say who may call it/);
    await app.close();
  });

  it('fails when a route names a policy the table does not declare', async () => {
    const app = appWith({ policy: 'everything.anything' });
    await expect(app.ready()).rejects.toThrow(/policy 'everything.anything'/);
    await app.close();
  });

  it('fails when a route is both public and behind a policy', async () => {
    const app = appWith({ public: true, policy: 'patron.read' });
    await expect(app.ready()).rejects.toThrow(/both config.public and config.policy/);
    await app.close();
  });

  it('starts when every route declares its access', async () => {
    const app = appWith({ policy: 'patron.read' });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});

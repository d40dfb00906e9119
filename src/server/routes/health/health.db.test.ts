import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthStatus, LivenessStatus } from '../../../shared/api/session.ts';
import { buildApp } from '../../app.ts';
import { connectDatabase } from '../../db/connect.ts';
import { DATABASE_CHECK_TIMEOUT_MS, type ServerReadiness } from '../../observability/readiness.ts';
import { startTestApi, testConfig, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine, TEST_ENGINES } from '../../testing/engines.ts';
import { unreachableDatabase } from '../../testing/unreachableDatabase.testing.ts';

const READINESS_PATHS = ['/api/health', '/api/health/ready'];

/** An app whose database connections fail at once, or never come. */
function brokenApp(fault: 'fail' | 'hang') {
  return buildApp({ db: unreachableDatabase(fault), config: testConfig() });
}

describeEachEngine('GET /api/health, /api/health/ready and /api/health/live', (engine) => {
  let api: TestApi;
  const readiness: ServerReadiness = { phase: 'ready' };
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('answers ok without a session, and is never cached', async () => {
    for (const path of READINESS_PATHS) {
      const response = await api.anonymous().get(path);
      expect(response.statusCode).toBe(200);
      expect(HealthStatus.parse(response.json())).toEqual({ status: 'ok', database: 'ok' });
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const live = await api.anonymous().get('/api/health/live');
    expect(live.statusCode).toBe(200);
    expect(LivenessStatus.parse(live.json())).toEqual({ status: 'ok' });
    expect(live.headers['cache-control']).toBe('no-store');
  });

  it('is not ready, and serves nothing but health and metrics, until the server has started', async () => {
    const app = buildApp({ db: api.db, config: testConfig(), readiness });
    try {
      for (const phase of ['starting', 'migrating'] as const) {
        readiness.phase = phase;
        for (const path of READINESS_PATHS) {
          const response = await app.inject({ method: 'GET', url: path });
          expect(response.statusCode).toBe(503);
          expect(response.json()).toEqual({
            status: 'unavailable',
            database: 'unavailable',
            reason: phase,
          });
        }
        expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'x', password: 'y' },
        });
        expect(signIn.statusCode).toBe(503);
        expect(signIn.json().error.code).toBe('DATABASE_UNAVAILABLE');
        expect(signIn.headers['retry-after']).toBe('5');
        expect((await app.inject({ method: 'GET', url: '/checkout' })).statusCode).toBe(503);
      }

      readiness.phase = 'ready';
      expect((await app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);

      // Stopping: the proxy's check fails so it sends no new work; requests under way still finish.
      readiness.phase = 'stopping';
      const stopping = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(stopping.statusCode).toBe(503);
      expect(stopping.json().reason).toBe('stopping');
      expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('GET /api/health with the database down', () => {
  it('answers 503 when the database refuses queries; liveness stays 200', async () => {
    const app = brokenApp('fail');
    try {
      for (const path of READINESS_PATHS) {
        const response = await app.inject({ method: 'GET', url: path });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({
          status: 'unavailable',
          database: 'unavailable',
          reason: 'database_unavailable',
        });
        expect(response.headers['cache-control']).toBe('no-store');
      }
      expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it(`answers 503 within ${DATABASE_CHECK_TIMEOUT_MS} ms when the database does not answer`, async () => {
    const app = brokenApp('hang');
    try {
      const started = Date.now();
      const response = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(response.statusCode).toBe(503);
      // Loose on purpose (a busy machine): the point is that it answers instead of hanging.
      expect(Date.now() - started).toBeLessThan(DATABASE_CHECK_TIMEOUT_MS * 5);
    } finally {
      await app.close();
    }
  });

  it.runIf(TEST_ENGINES.includes('postgres'))(
    'answers 503 when PostgreSQL is not listening at the configured address',
    async () => {
      // Port 1 on this machine: nothing listens there, so every connection is refused.
      const handle = connectDatabase('postgres://postgres@127.0.0.1:1/test');
      const app = buildApp({ db: handle.db, config: testConfig() });
      try {
        const response = await app.inject({ method: 'GET', url: '/api/health/ready' });
        expect(response.statusCode).toBe(503);
        expect(response.json().reason).toBe('database_unavailable');
        expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
      } finally {
        await app.close();
        await handle.close();
      }
    },
  );
});

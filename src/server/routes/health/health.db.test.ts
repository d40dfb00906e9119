import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthStatus } from '../../../shared/api/session.ts';
import { buildApp } from '../../app.ts';
import { startTestApi, testConfig, type TestApi } from '../../testing/apiHarness.ts';
import type { Database } from '../../db/schema.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { HEALTH_DATABASE_TIMEOUT_MS } from './health.ts';

/** A database whose connections are refused, or never handed out (a hung server or full pool). */
function unreachableDatabase(fault: 'fail' | 'hang'): Kysely<Database> {
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: () =>
      fault === 'fail'
        ? Promise.reject(new Error('connect ECONNREFUSED'))
        : new Promise<DatabaseConnection>(() => undefined),
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/** An app whose database connections fail at once, or never come. */
function brokenApp(fault: 'fail' | 'hang') {
  return buildApp({ db: unreachableDatabase(fault), config: testConfig() });
}

describeEachEngine('GET /api/health', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.dispose());

  it('answers ok without a session, and is never cached', async () => {
    const response = await api.anonymous().get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(HealthStatus.parse(response.json())).toEqual({ status: 'ok', database: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /api/health with the database down', () => {
  it('answers 503 when the database refuses queries', async () => {
    const app = brokenApp('fail');
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
      expect(response.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
    }
  });

  it(`answers 503 within ${HEALTH_DATABASE_TIMEOUT_MS} ms when the database does not answer`, async () => {
    const app = brokenApp('hang');
    try {
      const started = Date.now();
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      // Loose on purpose (a busy machine): the point is that it answers instead of hanging.
      expect(Date.now() - started).toBeLessThan(HEALTH_DATABASE_TIMEOUT_MS * 5);
    } finally {
      await app.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineUploadResult } from '../../../shared/api/offline.ts';
import {
  startCirculationApi,
  type CirculationFixture,
} from '../../commands/circulationFixture.testing.ts';
import { offlineWorkstation } from '../../offline/fixtures.testing.ts';
import {
  parsePrometheusText,
  sampleValue,
  type Sample,
} from '../../observability/prometheusText.testing.ts';
import { buildApp } from '../../app.ts';
import { startTestApi, testConfig, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { unreachableDatabase } from '../../testing/unreachableDatabase.testing.ts';
import { METRICS_PATH } from './metrics.ts';

const TOKEN = 'a-metrics-token-of-forty-characters-long';
const CHECKOUT_ROUTE = { route: '/api/checkouts', method: 'POST', status_class: '2xx' };

describeEachEngine('GET /metrics', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine));
  });
  afterAll(() => api.dispose());

  async function scrape(): Promise<Sample[]> {
    const response = await api.app.inject({ method: 'GET', url: METRICS_PATH });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    return parsePrometheusText(response.body);
  }

  it('is Prometheus text with the process metrics and every Circa metric', async () => {
    const samples = await scrape();
    const names = new Set(samples.map((s) => s.name));
    expect(names).toContain('process_cpu_seconds_total');
    expect(names).toContain('nodejs_eventloop_lag_seconds');
    expect(sampleValue(samples, 'circa_database_up')).toBe(1);
    expect(sampleValue(samples, 'circa_offline_transactions_pending')).toBe(0);
    expect(sampleValue(samples, 'circa_offline_exceptions_open')).toBe(0);
    const poolMetrics = [
      'circa_database_pool_connections',
      'circa_database_pool_max_connections',
      'circa_database_pool_waiting',
    ];
    // The pool is PostgreSQL's; SQLite has one connection and no pool to report.
    expect(poolMetrics.filter((name) => names.has(name))).toEqual(
      engine === 'postgres' ? poolMetrics : [],
    );
    expect(sampleValue(samples, 'circa_database_pool_waiting')).toBe(
      engine === 'postgres' ? 0 : undefined,
    );
    // SQLite's one connection: who waits for it, desks and background work apart.
    for (const work of ['desk', 'background']) {
      expect(sampleValue(samples, 'circa_sqlite_connection_waiting', { work })).toBe(
        engine === 'sqlite' ? 0 : undefined,
      );
    }
  });

  it('counts a check-out under its route pattern, and a SQLite commit group with it', async () => {
    const before = await scrape();
    const countBefore =
      sampleValue(before, 'circa_http_request_duration_seconds_count', CHECKOUT_ROUTE) ?? 0;
    const groupsBefore = sampleValue(before, 'circa_sqlite_group_commit_members_count') ?? 0;
    const desk = await api.signIn('metrics-desk');
    const lent = await desk.post('/api/checkouts', {
      patronBarcode: (await library.patron()).barcode,
      itemBarcode: (await library.item()).barcode,
    });
    expect(lent.statusCode).toBe(201);

    const after = await scrape();
    expect(sampleValue(after, 'circa_http_request_duration_seconds_count', CHECKOUT_ROUTE)).toBe(
      countBefore + 1,
    );
    expect(
      sampleValue(after, 'circa_http_request_duration_seconds_bucket', {
        ...CHECKOUT_ROUTE,
        le: '+Inf',
      }),
    ).toBe(countBefore + 1);
    // SQLite's commit groups grew by the check-out's; PostgreSQL has none to report.
    const groupsAfter = sampleValue(after, 'circa_sqlite_group_commit_members_count');
    const groups =
      groupsAfter === undefined ? 'not reported' : groupsAfter > groupsBefore ? 'more' : 'same';
    expect(groups).toBe(engine === 'sqlite' ? 'more' : 'not reported');
  });

  it('labels a request no route matched as unmatched, never by its path', async () => {
    // GET would reach the web apps' catch-all route (/*); no route takes this POST.
    expect((await api.anonymous().post('/api/no-such-route-x1', {})).statusCode).toBe(404);
    const samples = await scrape();
    expect(samples.some((s) => s.labels.route?.includes('no-such-route'))).toBe(false);
    expect(
      sampleValue(samples, 'circa_http_request_duration_seconds_count', {
        route: 'unmatched',
        method: 'POST',
        status_class: '4xx',
      }),
    ).toBeGreaterThan(0);
  });

  it('counts an upload stored and what processing made of it, and the open exceptions', async () => {
    const desk = await api.signIn('metrics-offline');
    const ws = offlineWorkstation({
      name: 'METRICS-1',
      branchCode: library.branch.code,
      staffUsername: 'metrics-offline',
    });
    expect((await desk.put('/api/session/workstation', { name: 'METRICS-1' })).statusCode).toBe(
      200,
    );
    const occurredAt = api.clock.now() - 60_000;
    const transactions = [
      ws.checkOut({
        patronBarcode: (await library.patron()).barcode,
        itemBarcode: (await library.item()).barcode,
        occurredAt,
      }),
      ws.checkOut({
        patronBarcode: 'NO-SUCH-CARD',
        itemBarcode: (await library.item()).barcode,
        occurredAt: occurredAt + 1,
      }),
    ];
    const before = await scrape();
    const uploaded = await desk.post('/api/offline/transactions', { transactions });
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json<OfflineUploadResult>()).toMatchObject({ stored: 2 });
    const resent = await desk.post('/api/offline/transactions', { transactions });
    expect(resent.json<OfflineUploadResult>()).toMatchObject({ stored: 0, duplicates: 2 });

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(moved('circa_offline_uploads_stored_total', { source: 'client' })).toBe(2);
    expect(
      moved('circa_offline_transactions_received_total', { source: 'client', result: 'stored' }),
    ).toBe(2);
    expect(
      moved('circa_offline_transactions_received_total', {
        source: 'client',
        result: 'duplicate',
      }),
    ).toBe(2);
    expect(moved('circa_offline_transactions_processed_total', { outcome: 'applied' })).toBe(1);
    expect(moved('circa_offline_transactions_processed_total', { outcome: 'exception' })).toBe(1);
    expect(moved('circa_offline_processing_runs_total')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'circa_offline_exceptions_open')).toBe(1);
    expect(sampleValue(after, 'circa_offline_transactions_pending')).toBe(0);
  });
});

/** The status code of GET /metrics from this address, with these headers. */
function read(
  app: TestApi,
  remoteAddress: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return app.app
    .inject({ method: 'GET', url: METRICS_PATH, remoteAddress, headers })
    .then((r) => r.statusCode);
}

describeEachEngine('who may read /metrics', (engine) => {
  let api: TestApi;
  let withToken: TestApi;
  let behindProxy: TestApi;
  beforeAll(async () => {
    [api, withToken, behindProxy] = await Promise.all([
      startTestApi(engine),
      startTestApi(engine, { config: { metricsToken: TOKEN } }),
      startTestApi(engine, { config: { trustProxy: ['127.0.0.1'] } }),
    ]);
  });
  afterAll(() => Promise.all([api, withToken, behindProxy].map((a) => a.dispose())));

  it('answers this machine, over IPv4 and IPv6, with no session', async () => {
    expect(await read(api, '127.0.0.1')).toBe(200);
    expect(await read(api, '::1')).toBe(200);
    expect(await read(api, '::ffff:127.0.0.1')).toBe(200);
  });

  it('refuses another computer with 403 and a message naming the way in', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: METRICS_PATH,
      remoteAddress: '192.0.2.10',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/CIRCA_METRICS_TOKEN/);
    expect(response.body).not.toMatch(/circa_/);
  });

  it('refuses a request a proxy it does not trust forwarded, even from this machine', async () => {
    expect(await read(api, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    expect(await read(api, '127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(403);
    expect(await read(api, '127.0.0.1', { 'x-real-ip': '127.0.0.1' })).toBe(403);
  });

  it('behind a trusted proxy, decides by the address the proxy forwarded', async () => {
    expect(await read(behindProxy, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    expect(await read(behindProxy, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(200);
    // A client cannot smuggle a local address in front of the one the proxy appended.
    expect(
      await read(behindProxy, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' }),
    ).toBe(403);
  });

  it('answers anyone with the token, and nobody with a wrong one', async () => {
    expect(await read(withToken, '192.0.2.10', { authorization: `Bearer ${TOKEN}` })).toBe(200);
    expect(await read(withToken, '192.0.2.10', { authorization: `Bearer ${TOKEN}x` })).toBe(403);
    expect(await read(withToken, '192.0.2.10', { authorization: `Basic ${TOKEN}` })).toBe(403);
    expect(await read(withToken, '192.0.2.10')).toBe(403);
    // A wrong token is refused even from this machine: whoever sent it meant to use a token.
    expect(await read(withToken, '127.0.0.1', { authorization: 'Bearer wrong' })).toBe(403);
    // Without a token configured, presenting one gets nowhere.
    expect(await read(api, '192.0.2.10', { authorization: `Bearer ${TOKEN}` })).toBe(403);
  });
});

describe('GET /metrics with the database down', () => {
  it('still answers, with the backlog unknown (NaN) and circa_database_up 0', async () => {
    const app = buildApp({ db: unreachableDatabase('fail'), config: testConfig() });
    try {
      const response = await app.inject({ method: 'GET', url: METRICS_PATH });
      expect(response.statusCode).toBe(200);
      const samples = parsePrometheusText(response.body);
      expect(sampleValue(samples, 'circa_database_up')).toBe(0);
      expect(sampleValue(samples, 'circa_offline_transactions_pending')).toBeNaN();
    } finally {
      await app.close();
    }
  });
});

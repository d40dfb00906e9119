import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CircaApp } from '../app.ts';
import { startTestApi, type TestApi } from '../testing/apiHarness.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { REQUEST_ID_HEADER } from './requestIds.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A route that logs a line of its own, then fails as an unexpected error would. */
function addFailingRoute(app: CircaApp): void {
  app.get('/api/test/fails', { config: { public: true } }, async (request) => {
    request.log.info('about to fail');
    throw new Error('boom');
  });
}

/** The X-Request-Id the app answers a request from this address that carried this id with. */
function send(app: TestApi, remoteAddress: string, id: string) {
  return app.app
    .inject({
      method: 'GET',
      url: '/api/health/live',
      remoteAddress,
      headers: { [REQUEST_ID_HEADER]: id },
    })
    .then((r) => r.headers[REQUEST_ID_HEADER]);
}

describeEachEngine('request ids', (engine) => {
  let api: TestApi;
  let behindProxy: TestApi;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    [api, behindProxy] = await Promise.all([
      startTestApi(engine, {
        beforeReady: addFailingRoute,
        logger: { level: 'info', stream: { write: (line) => void lines.push(JSON.parse(line)) } },
      }),
      startTestApi(engine, { config: { trustProxy: ['127.0.0.1'] } }),
    ]);
  });
  afterAll(() => Promise.all([api.dispose(), behindProxy.dispose()]));

  it('answers each request with a new id that every log line written for it carries', async () => {
    const first = await api.app.inject({ method: 'GET', url: '/api/test/fails' });
    const second = await api.app.inject({ method: 'GET', url: '/api/test/fails' });
    expect(first.statusCode).toBe(500);
    const id = first.headers[REQUEST_ID_HEADER];
    expect(id).toMatch(UUID);
    expect(second.headers[REQUEST_ID_HEADER]).not.toBe(id);

    const own = lines.filter((line) => line.reqId === id);
    const messages = own.map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'incoming request',
        'about to fail',
        'request failed',
        'request completed',
      ]),
    );
    const failure = own.find((line) => line.msg === 'request failed');
    expect(failure?.level).toBe(50);
    expect(JSON.stringify(failure)).toMatch(/boom/);
  });

  it('keeps a bearer token (the metrics token) out of every log line', async () => {
    const token = 'log-must-not-hold-this-token-0123456789';
    await api.app.inject({
      method: 'GET',
      url: '/api/test/fails',
      headers: { authorization: `Bearer ${token}` },
    });
    await api.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '192.0.2.10',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => JSON.stringify(line).includes(token))).toEqual([]);
  });

  it('answers errors, 404s and health checks with an id too', async () => {
    for (const url of ['/api/no-such-route', '/api/health', '/api/session']) {
      const response = await api.app.inject({ method: 'GET', url });
      expect(response.headers[REQUEST_ID_HEADER]).toMatch(UUID);
    }
  });

  it('ignores an X-Request-Id from anyone but a trusted proxy, whose sound id it keeps', async () => {
    const nginxId = '4f6c1b2e9a0d4c3b8e7f6a5b4c3d2e1f';
    expect(await send(behindProxy, '127.0.0.1', nginxId)).toBe(nginxId);
    expect(await send(behindProxy, '192.0.2.10', nginxId)).toMatch(UUID);
    expect(await send(api, '127.0.0.1', nginxId)).toMatch(UUID);
    // Even a trusted proxy's id must look like one: nothing that could forge a log field.
    expect(await send(behindProxy, '127.0.0.1', 'two words')).toMatch(UUID);
    expect(await send(behindProxy, '127.0.0.1', 'x'.repeat(129))).toMatch(UUID);
  });
});

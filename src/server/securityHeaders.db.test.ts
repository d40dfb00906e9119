// HSTS only when the browser really reached Circa over HTTPS: a proxy at an address the
// configuration trusts (TRUST_PROXY) saying so, never because a client claims it, never over HTTP.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../shared/api/session.ts';
import { startTestApi, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine } from './testing/engines.ts';
import { TEST_STAFF_PASSWORD, buildStaffUser } from './testing/factories.ts';

const PATHS = ['/api/health', '/api/no-such-route', '/checkout', '/offline/'];

describeEachEngine('HSTS and HTTPS', (engine) => {
  let proxied: TestApi;
  let direct: TestApi;
  beforeAll(async () => {
    proxied = await startTestApi(engine, { config: { trustProxy: ['127.0.0.1'] } });
    direct = await startTestApi(engine, { config: { trustProxy: false } });
  });
  afterAll(async () => {
    await proxied.dispose();
    await direct.dispose();
  });

  it('is sent on every response behind a trusted proxy that says HTTPS', async () => {
    for (const path of PATHS) {
      const response = await proxied.anonymous().get(path, { 'x-forwarded-proto': 'https' });
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
  });

  it('is not sent over plain HTTP, nor when an untrusted client claims HTTPS', async () => {
    for (const path of PATHS) {
      const plain = await proxied.anonymous().get(path, { 'x-forwarded-proto': 'http' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const claimed = await direct.anonymous().get(path, { 'x-forwarded-proto': 'https' });
      expect(claimed.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('marks the session cookie Secure only over HTTPS', async () => {
    for (const [api, proto, secure] of [
      [proxied, 'https', true],
      [proxied, 'http', false],
      [direct, 'https', false],
    ] as const) {
      const username = `tls-${proto}-${secure}`;
      await buildStaffUser(api.db, { username, branch_id: api.branch.id });
      const response = await api
        .anonymous()
        .post(
          '/api/session',
          { username, password: TEST_STAFF_PASSWORD },
          { 'x-forwarded-proto': proto },
        );
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(Boolean(cookie?.secure)).toBe(secure);
    }
  });
});

// Addresses the router cannot read get Circa's error shape and its security headers, and the
// address is never echoed back (a reflected value in an error page is how markup gets in).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api/errors.ts';
import { startTestApi, type SignedInAgent, type TestApi } from '../testing/apiHarness.ts';
import { describeEachEngine } from '../testing/engines.ts';

const LONG_BARCODE = '9'.repeat(150);

describeEachEngine('malformed addresses', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    desk = await api.signIn('malformed-desk');
  });
  afterAll(() => api.dispose());

  it('are refused in Circa’s error shape with the security headers, echoing nothing', async () => {
    const cases = [
      ['GET', '/offline/%ff', 400],
      ['GET', '/offline/%3Cscript%3E%ff', 400],
      ['GET', '/api/patrons/%ff', 400],
      ['POST', '/api/checkouts/%e0%80', 400],
      ['POST', `/api/offline/exceptions/${LONG_BARCODE}/reapply`, 414],
    ] as const;
    const answers = [];
    for (const [method, url] of cases) {
      const response = await desk.request({ method, url });
      answers.push({
        url,
        status: response.statusCode,
        code: response.json<ApiError>().error.code,
        namesTheAddress: response.json<ApiError>().error.message.includes('address'),
        echoes: /%ff|%e0|script|9999999999/i.test(response.body),
        csp: response.headers['content-security-policy'],
        nosniff: response.headers['x-content-type-options'],
        frames: response.headers['x-frame-options'],
        cacheControl: response.headers['cache-control'],
      });
    }
    expect(answers).toEqual(
      cases.map(([, url, status]) => ({
        url,
        status,
        code: 'BAD_REQUEST',
        namesTheAddress: true,
        echoes: false,
        csp: expect.stringContaining("default-src 'self'"),
        nosniff: 'nosniff',
        frames: 'DENY',
        cacheControl: url.startsWith('/api/') ? 'no-store' : undefined,
      })),
    );
  });

  it('leaves the request after it unaffected', async () => {
    await desk.get('/api/patrons/%ff');
    const session = await desk.get('/api/session');
    expect(session.statusCode).toBe(200);
  });
});

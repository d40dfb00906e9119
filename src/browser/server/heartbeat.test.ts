import { describe, expect, it } from 'vitest';
import { checkServer } from './heartbeat.ts';

const answering = (status: number, body: unknown) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('checkServer', () => {
  it('is reachable only when the server and its database answer ok', async () => {
    expect(await checkServer(answering(200, { status: 'ok', database: 'ok' }))).toBe('reachable');
    expect(await checkServer(answering(503, { status: 'unavailable' }))).toBe('unreachable');
  });

  it('is unreachable when the request fails, as it does with the server stopped', async () => {
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await checkServer(refused)).toBe('unreachable');
  });

  it('is unreachable when something other than Circa answers', async () => {
    const proxyPage = (async () =>
      new Response('<html>Gateway</html>', { status: 200 })) as unknown as typeof fetch;
    expect(await checkServer(proxyPage)).toBe('unreachable');
  });
});

// A client that trickles its request a byte at a time is cut off once the request timeout has
// passed, on a real socket against a listening server (a short timeout here, the same mechanism
// as the two minutes in production).
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/apiHarness.ts';
import { describeEachEngine } from './testing/engines.ts';

const TEST_REQUEST_TIMEOUT_MS = 400;
/** One byte this often: the connection is never idle, only slow. */
const TRICKLE_INTERVAL_MS = 50;
/** Far more than the timeout, far less than the bytes promised: the request never completes. */
const TRICKLED_BYTES = 200;

interface Trickled {
  /** What the server wrote back before closing. */
  answer: string;
  /** Bytes the client had sent when the server closed the connection. */
  sentBeforeClose: number;
  closedByServer: boolean;
}

/** Sends `head` at once, then the rest one byte at a time, until the server closes or bytes run out. */
function trickle(port: number, head: string, rest: string): Promise<Trickled> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ answer, sentBeforeClose: sent, closedByServer });
    };
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= rest.length) return finish(false);
        socket.write(rest.charAt(sent));
        sent += 1;
      }, TRICKLE_INTERVAL_MS);
    });
  });
}

describeEachEngine('request timeouts', (engine) => {
  let api: TestApi;
  let port: number;
  beforeAll(async () => {
    api = await startTestApi(engine, { config: { requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS } });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.server.address() as AddressInfo).port;
  });
  afterAll(() => api.dispose());

  it('closes a sign-in whose body arrives a byte at a time', { timeout: 30_000 }, async () => {
    const head =
      'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Content-Length: 1000\r\n\r\n';
    const result = await trickle(port, head, '{'.padEnd(TRICKLED_BYTES, ' '));
    expect(result.closedByServer).toBe(true);
    expect(result.sentBeforeClose).toBeLessThan(TRICKLED_BYTES);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a request whose headers arrive a byte at a time', { timeout: 30_000 }, async () => {
    const headers = 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '.padEnd(
      TRICKLED_BYTES,
      'x',
    );
    const result = await trickle(port, '', headers);
    expect(result.closedByServer).toBe(true);
    expect(result.sentBeforeClose).toBeLessThan(TRICKLED_BYTES);
  });

  it('still answers a request sent at an ordinary pace', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(response.status).toBeLessThan(500);
  });
});

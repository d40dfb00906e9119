// The several-servers trial proves its first kill landed mid-upload from these counts, so each
// must count what it says and nothing else. The lines are nginx 1.22's, from a server SIGKILLed
// under an upload and a check-out (deploy/nginx's log format).
import { describe, expect, it } from 'vitest';
import { interruptedUploads, requestsTo, uploadsSentOn } from './nginxLogs.ts';

const UPLOAD = '"POST /api/offline/transactions HTTP/1.1"';
const errorLine = (level: string, what: string, port: number) =>
  `2026/12/07 10:45:50 [${level}] 19451#19451: *2 ${what}, client: 127.0.0.1, server: _, ` +
  `request: ${UPLOAD}, upstream: "http://127.0.0.1:${port}/api/offline/transactions", host: "127.0.0.1:45900"`;

const ERROR_LOG = [
  errorLine(
    'error',
    'upstream prematurely closed connection while reading response header from upstream',
    45901,
  ),
  errorLine(
    'warn',
    'upstream server temporarily disabled while reading response header from upstream',
    45901,
  ),
  errorLine(
    'error',
    'connect() failed (111: Connection refused) while connecting to upstream',
    45901,
  ),
  errorLine(
    'error',
    'upstream prematurely closed connection while reading response header from upstream',
    45902,
  ),
].join('\n');

const ACCESS_LOG = [
  `127.0.0.1 [2026-12-07T10:45:50+00:00] ${UPLOAD} 200 upstream="127.0.0.1:45901, 127.0.0.1:45902" upstream_status="502, 200"`,
  `127.0.0.1 [2026-12-07T10:45:50+00:00] ${UPLOAD} 200 upstream="127.0.0.1:45903" upstream_status="200"`,
  '127.0.0.1 [2026-12-07T10:45:50+00:00] "POST /api/checkouts HTTP/1.1" 502 upstream="127.0.0.1:45901" upstream_status="502"',
  '127.0.0.1 [2026-12-07T10:45:40+00:00] "POST /api/session HTTP/1.1" 200 upstream="127.0.0.1:45901" upstream_status="200"',
  '127.0.0.1 [2026-12-07T10:45:40+00:00] "POST /api/session HTTP/1.1" 200 upstream="127.0.0.1:45903" upstream_status="200"',
].join('\n');

describe('nginx logs', () => {
  it('counts an upload broken off at a server once, and not a refused connection', () => {
    expect(interruptedUploads(ERROR_LOG, 45901)).toBe(1);
    expect(interruptedUploads(ERROR_LOG, 45902)).toBe(1);
    expect(interruptedUploads(ERROR_LOG, 45903)).toBe(0);
  });

  it('counts uploads that went to a second server', () => {
    expect(uploadsSentOn(ACCESS_LOG)).toBe(1);
  });

  it('counts requests that went to the given servers', () => {
    const signIn = { method: 'POST', path: '/api/session' };
    expect(requestsTo(ACCESS_LOG, signIn, [45901])).toBe(1);
    expect(requestsTo(ACCESS_LOG, signIn, [45901, 45903])).toBe(2);
    expect(requestsTo(ACCESS_LOG, signIn, [45902])).toBe(0);
  });
});

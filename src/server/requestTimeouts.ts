// How long a client may take to send a request, so a client that trickles its headers or body a
// byte at a time cannot hold a connection (and a slot of the server's) open for ever.
import type { ServerOptions } from 'node:http';
import { PROCESSING_ANSWER_WAIT_MS } from './commands/receiveAndWait.ts';

/** The headers alone: a few hundred bytes, which no working client takes long to send. */
export const HEADERS_TIMEOUT_MS = 30_000;

/**
 * A connection on which nothing moves either way. Longer than the longest an answer is computed
 * (an upload's answer waits up to PROCESSING_ANSWER_WAIT_MS for processing), so only a client that
 * has stopped sending or reading is cut off.
 */
export const IDLE_CONNECTION_TIMEOUT_MS = 3 * PROCESSING_ANSWER_WAIT_MS;

/**
 * Fastify's options for these limits, given how long a whole request (headers and body) may take
 * (REQUEST_TIMEOUT_MS); Node applies them to every connection of the server.
 */
export function requestTimeoutOptions(requestTimeoutMs: number): {
  requestTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: IDLE_CONNECTION_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      // Node checks the two timeouts above at this interval (30 s by default): often enough that
      // a short timeout is kept to within a quarter of itself.
      connectionsCheckingInterval: Math.min(
        HEADERS_TIMEOUT_MS,
        Math.max(50, Math.floor(requestTimeoutMs / 4)),
      ),
    },
  };
}

/**
 * How long an offline upload's connection may sit quiet while the server works on it: the upload
 * waits its turn to be stored (two at a time: offline/receiveSlots.ts), then up to
 * PROCESSING_ANSWER_WAIT_MS for processing. On the morning after an outage fifty workstations send
 * at once and the last one waits behind the others for a minute or more; cut off as idle, it would
 * be stored after its sender had given up, and the workstation would report a failure and send it
 * all again.
 */
export const UPLOAD_IDLE_TIMEOUT_MS = 10 * 60_000;

/** The parts of a request's socket and answer that keepConnectionForUpload uses. */
export interface UploadConnection {
  socket: { setTimeout(ms: number): unknown } | null | undefined;
  answer: { once(event: 'close', listener: () => void): unknown };
}

/**
 * Lets this upload's connection stay quiet for UPLOAD_IDLE_TIMEOUT_MS while the server stores and
 * processes it; once the answer is sent (or the client goes) the connection is back on the
 * ordinary idle timeout for whatever it carries next.
 */
export function keepConnectionForUpload({ socket, answer }: UploadConnection): void {
  // An injected request (tests, light-my-request) has a stand-in socket without timeouts.
  if (typeof socket?.setTimeout !== 'function') return;
  socket.setTimeout(UPLOAD_IDLE_TIMEOUT_MS);
  answer.once('close', () => socket.setTimeout(IDLE_CONNECTION_TIMEOUT_MS));
}

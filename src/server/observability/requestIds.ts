// Every request has an id: in each log line written while it is handled (Fastify's request logger
// carries it as reqId), and in the X-Request-Id answer header, so a librarian's report of "it said
// something went wrong" leads to the log lines. A reverse proxy Circa trusts (TRUST_PROXY) may pass
// its own id on, so the proxy's log and Circa's share it; from anyone else the header is ignored,
// or a client could write its own id into the log, or make many requests share one.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { TrustedProxies } from '../config.ts';
import { trustedProxyCheck } from './trustedProxies.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
/** The log field that carries the id (Fastify's default name). */
export const REQUEST_ID_LOG_FIELD = 'reqId';

/** What a proxy's id may look like: nginx's $request_id (32 hex digits), a UUID, HAProxy's %ID. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the trusted proxy's id when it sent a sound one, else a new UUID. */
export function requestIdGenerator(trustProxy: TrustedProxies): (raw: IncomingMessage) => string {
  const fromTrustedProxy = trustedProxyCheck(trustProxy);
  return (raw) => {
    const given = raw.headers[REQUEST_ID_HEADER];
    if (
      typeof given === 'string' &&
      ACCEPTED_REQUEST_ID.test(given) &&
      fromTrustedProxy(raw.socket.remoteAddress)
    ) {
      return given;
    }
    return randomUUID();
  };
}

/** Answers every request, errors and 404s included, with its id. */
export function installRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}

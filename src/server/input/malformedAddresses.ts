// An address the router cannot read (a broken %-escape, a part too long to be a barcode) is refused
// like every other bad request: Circa's error shape, the security headers, and the address never
// echoed back. Fastify answers these itself, before any hook, so they are handed back to the
// router under a plain address and refused by a hook that runs after the security headers are set.
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiAddress } from '../apiCaching.ts';
import { CircaError } from '../errors.ts';

/** Why an address was refused, keyed by the raw request so the second routing can find it. */
const refusedAddresses = new WeakMap<IncomingMessage, CircaError>();

function refusalFor(error: FastifyError): CircaError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new CircaError(
        'BAD_REQUEST',
        400,
        'This address cannot be read: it holds a % that is not followed by a valid escape. Check the address, or start again from the home page.',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new CircaError(
        'BAD_REQUEST',
        414,
        'Part of this address is too long to be a barcode or a name. Check the address.',
      );
    default:
      return new CircaError(
        'BAD_REQUEST',
        400,
        'This address cannot be read. Check the address, or start again from the home page.',
      );
  }
}

/** Fastify's `frameworkErrors` option: routes the request again through the same app. */
export function refuseMalformedAddress(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const raw = request.raw;
  request.log.info({ code: error.code }, 'malformed address refused');
  refusedAddresses.set(raw, refusalFor(error));
  // A plain address in the same area, so an API refusal is still answered as the API's are.
  raw.url = isApiAddress(raw.url ?? '') ? '/api/' : '/';
  request.server.routing(raw, reply.raw);
}

/** Refuses the re-routed request; install after the security headers' hooks, before the guard. */
export function installMalformedAddressGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const refusal = refusedAddresses.get(request.raw);
    if (refusal) throw refusal;
  });
}

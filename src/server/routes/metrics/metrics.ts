// GET /metrics: Prometheus text, for a scraper on this machine or one holding the metrics token.
// Outside /api on purpose (where Prometheus looks by default) and outside the session gate: a
// scraper has no session. It reveals no patron or loan, but the backlog and timings say how the
// library is doing, so it is not public (docs/monitoring.md, docs/security.md).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { secretsEqual } from '../../auth/tokens.ts';
import { CircaError } from '../../errors.ts';
import { isLoopbackAddress, trustedProxyCheck } from '../../observability/trustedProxies.ts';

export const METRICS_PATH = '/metrics';

/** Headers by which a proxy says whom it forwards for; Fastify reads the first. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export type MetricsAccess = 'token' | 'this machine' | 'refused';

/**
 * With the token configured, a request that presents one must present it exactly. Without one, only
 * this machine may read: the client's own address when a trusted proxy forwarded it (request.ip),
 * the peer's otherwise; a request forwarded by a proxy Circa does not trust is refused, because a
 * proxy on this machine would otherwise make every client look local.
 */
export function metricsAccess(
  request: FastifyRequest,
  token: string | null,
  fromTrustedProxy: (address: string | undefined) => boolean,
): MetricsAccess {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const presented = /^Bearer (.+)$/i.exec(authorization)?.[1];
    return token !== null && presented !== undefined && secretsEqual(presented, token)
      ? 'token'
      : 'refused';
  }
  const peer = request.socket.remoteAddress;
  const forwarded = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
  if (forwarded && !fromTrustedProxy(peer)) return 'refused';
  return isLoopbackAddress(request.ip) ? 'this machine' : 'refused';
}

export const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  const fromTrustedProxy = trustedProxyCheck(app.config.trustProxy);
  app.get(
    METRICS_PATH,
    {
      config: { public: true, answersWhileStarting: true, backgroundWork: true },
      logLevel: 'warn',
      schema: { hide: true },
    },
    async (request, reply) => {
      if (metricsAccess(request, app.config.metricsToken, fromTrustedProxy) === 'refused') {
        throw new CircaError(
          'FORBIDDEN',
          403,
          'Metrics can be read only from the server itself or with the metrics token ' +
            '(Authorization: Bearer, set by CIRCA_METRICS_TOKEN). See docs/monitoring.md.',
        );
      }
      const text = await app.metrics.render();
      return reply.header('cache-control', 'no-store').type(app.metrics.contentType).send(text);
    },
  );
};

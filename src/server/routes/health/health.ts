// A cheap "is the server and its database up" probe. The offline client's heartbeat polls it, so it
// is public, touches the database with a trivial query, and is never cached.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { HealthStatus } from '../../../shared/api/session.ts';

/** A database that has not answered in this long counts as down: the heartbeat must not hang. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      logLevel: 'warn',
      schema: {
        summary: 'Server and database health',
        description: `200 when the database answers a trivial query within ${HEALTH_DATABASE_TIMEOUT_MS} ms, 503 otherwise.`,
        tags: ['health'],
        security: [],
        response: { 200: HealthStatus, 503: HealthStatus },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sql`select 1`.execute(app.db),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${HEALTH_DATABASE_TIMEOUT_MS} ms`)),
              HEALTH_DATABASE_TIMEOUT_MS,
            );
          }),
        ]);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        return reply.code(503).send({ status: 'unavailable', database: 'unavailable' });
      } finally {
        clearTimeout(timer);
      }
    },
  );
};

// Health checks, public and never cached. /api/health/live: the process answers (for a supervisor
// deciding whether to restart it). /api/health/ready: this server can serve the desk now, so a
// reverse proxy may send it requests. /api/health is the offline client's heartbeat and answers
// exactly as /api/health/ready does, so a server that is migrating or has lost its database sends
// the workstation offline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthStatus, LivenessStatus } from '../../../shared/api/session.ts';
import {
  checkDatabase,
  DATABASE_CHECK_TIMEOUT_MS,
  phaseNotReadyReason,
} from '../../observability/readiness.ts';

const readinessDescription =
  `200 when the server has finished starting (its database brought up to date) and the database ` +
  `answers a trivial query within ${DATABASE_CHECK_TIMEOUT_MS} ms; 503 with the reason otherwise ` +
  `(starting, migrating, stopping, database_unavailable).`;

async function answerReadiness(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
  const notReady = phaseNotReadyReason(app.readiness.phase);
  if (notReady) {
    return reply
      .code(503)
      .send({ status: 'unavailable', database: 'unavailable', reason: notReady });
  }
  try {
    await checkDatabase(app.db);
    return { status: 'ok' as const, database: 'ok' as const };
  } catch (error) {
    request.log.warn({ err: error }, 'health check: database unavailable');
    return reply.code(503).send({
      status: 'unavailable',
      database: 'unavailable',
      reason: 'database_unavailable',
    });
  }
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const readinessSchema = {
    tags: ['health'],
    security: [],
    response: { 200: HealthStatus, 503: HealthStatus },
  };

  app.get(
    '/api/health',
    {
      config: { public: true, answersWhileStarting: true, backgroundWork: true },
      logLevel: 'warn',
      schema: {
        summary: 'Server and database health (the offline client’s heartbeat)',
        description: `The same answer as /api/health/ready. ${readinessDescription}`,
        ...readinessSchema,
      },
    },
    (request, reply) => answerReadiness(app, request, reply),
  );

  app.get(
    '/api/health/ready',
    {
      config: { public: true, answersWhileStarting: true, backgroundWork: true },
      logLevel: 'warn',
      schema: {
        summary: 'Readiness: may a reverse proxy send this server requests?',
        description: readinessDescription,
        ...readinessSchema,
      },
    },
    (request, reply) => answerReadiness(app, request, reply),
  );

  app.get(
    '/api/health/live',
    {
      config: { public: true, answersWhileStarting: true, backgroundWork: true },
      logLevel: 'warn',
      schema: {
        summary: 'Liveness: does the server process answer?',
        description:
          '200 whenever the process answers, even while it starts, migrates or has lost its ' +
          'database: restarting it would not help with those. No database query.',
        tags: ['health'],
        security: [],
        response: { 200: LivenessStatus },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );
};

// Wires what lets a systems librarian see inside a running server into the app: each request's id
// in its answer, its time in the metrics, and the startup gate that keeps routes shut until the
// server is ready.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { createCircaMetrics, type CircaMetrics } from './metrics.ts';
import { installStartupGate, type ServerReadiness } from './readiness.ts';
import { installRequestIdHeader } from './requestIds.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: CircaMetrics;
  }
}

export interface ObservabilityOptions {
  db: Kysely<Database>;
  /** main.ts's startup phase; absent: the app is ready at once (tests, tools). */
  readiness?: ServerReadiness;
}

/** Call on the root instance before the access gate, so refused requests are counted and carry ids. */
export function installObservability(app: FastifyInstance, options: ObservabilityOptions): void {
  app.decorate('readiness', options.readiness ?? { phase: 'ready' });
  const metrics = createCircaMetrics(options.db);
  app.decorate('metrics', metrics);
  installRequestIdHeader(app);
  installStartupGate(app);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.routeOptions.url,
      request.method,
      reply.statusCode,
      reply.elapsedTime,
    );
  });
  app.addHook('onClose', async () => metrics.close());
}

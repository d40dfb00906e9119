// Builds the Fastify application: plugins, the access gate, error handling and every route plugin.
// Each area registers here with one line; main.ts only adds a database and a port.
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { installApiNoStore } from './apiCaching.ts';
import { installGuard } from './auth/guard.ts';
import type { Config } from './config.ts';
import { engineOf, type Engine } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import { installErrorHandlers } from './errorHandler.ts';
import {
  installMalformedAddressGuard,
  refuseMalformedAddress,
} from './input/malformedAddresses.ts';
import { installNulCharacterGuard } from './input/nulCharacters.ts';
import { CircaError } from './errors.ts';
import { installObservability } from './observability/observability.ts';
import type { ServerReadiness } from './observability/readiness.ts';
import { requestIdGenerator } from './observability/requestIds.ts';
import { requestTimeoutOptions } from './requestTimeouts.ts';
import { openApiOptions, openApiRoutes } from './openapi/openapi.ts';
import { administrationRoutes } from './routes/administration/administration.ts';
import { circulationRoutes } from './routes/circulation/circulation.ts';
import { healthRoutes } from './routes/health/health.ts';
import { holdRoutes } from './routes/holds/holds.ts';
import { holdShelfRoutes } from './routes/holdShelf/holdShelf.ts';
import { importRoutes } from './routes/imports/imports.ts';
import { itemRoutes } from './routes/items/items.ts';
import { itemRecordRoutes } from './routes/items/itemRecords.ts';
import { libraryRoutes } from './routes/library/library.ts';
import { metricsRoutes } from './routes/metrics/metrics.ts';
import { sessionRoutes } from './routes/session/session.ts';
import { setupRoutes } from './routes/setup/setup.ts';
import { staffUserRoutes } from './routes/staffUsers/staffUsers.ts';
import { offlineClientStateRoutes } from './routes/offline/offlineClientState.ts';
import { offlineSnapshotRoutes } from './routes/offline/offlineSnapshot.ts';
import { offlineUploadRoutes } from './routes/offlineUploads/offlineUploads.ts';
import { patronRoutes } from './routes/patrons/patrons.ts';
import { patronRecordRoutes } from './routes/patrons/patronRecords.ts';
import { renewalRoutes } from './routes/renewals/renewals.ts';
import { workstationRoutes } from './routes/workstations/workstations.ts';
import { transitRoutes } from './routes/transits/transits.ts';
import { webAppRoutes } from './webApps.ts';
import { installOnlineRequestTracking } from './onlineRequests.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    /** The engine connectDatabase recorded for `db` (db/connect.ts engineOf). */
    engine: Engine;
    config: Config;
    /** The current instant in epoch ms; tests replace the clock through buildApp's `now`. */
    now(): number;
  }
}

/** A year, as browsers are told to keep to HTTPS once they have seen it. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Log fields that would hold a secret: passwords, cookies, session and CSRF tokens. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  'body.password',
  'req.body.password',
  'password',
  '*.password',
];

export interface BuildAppOptions {
  /** A database opened by connectDatabase, which records the engine it runs on. */
  db: Kysely<Database>;
  config: Config;
  /** Pino options (level, stream); false or absent for no logging. Secrets are always redacted. */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** The clock; tests inject one to reach session expiry and sign-in waits without waiting. */
  now?: () => number;
  /** main.ts's startup phase: routes answer 503 until it is ready. Absent: ready at once. */
  readiness?: ServerReadiness;
}

export type CircaApp = ReturnType<typeof buildApp>;

export function buildApp(options: BuildAppOptions) {
  const { db, config } = options;
  const logger =
    options.logger === undefined || options.logger === false
      ? false
      : {
          ...(options.logger === true ? {} : options.logger),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
        };

  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    logger,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: requestIdGenerator(config.trustProxy),
    frameworkErrors: refuseMalformedAddress,
    ...requestTimeoutOptions(config.requestTimeoutMs),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  // Read on demand, so an app over a stand-in database (health tests) builds without one.
  app.decorate('engine', { getter: () => engineOf(db) });
  app.decorate('config', config);
  app.decorate('now', options.now ?? Date.now);

  installErrorHandlers(app);
  installObservability(app, { db, ...(options.readiness ? { readiness: options.readiness } : {}) });

  app.register(fastifyCookie);
  app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Sent below only over HTTPS: over plain HTTP it is meaningless, and on localhost it would
    // make the browser refuse the http:// address for a year.
    hsts: false,
    frameguard: { action: 'deny' },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header(
        'strict-transport-security',
        `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
      );
    }
  });
  installApiNoStore(app);
  app.register(fastifyRateLimit, {
    // Only routes that ask (config.rateLimit) are limited, e.g. sign-in.
    global: false,
    errorResponseBuilder: (_request, context) =>
      new CircaError(
        'RATE_LIMITED',
        429,
        `Too many attempts from this computer. Wait ${Math.max(1, Math.ceil(context.ttl / 1000))} seconds, then try again.`,
        { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
      ),
  });
  app.register(fastifySwagger, openApiOptions);

  installMalformedAddressGuard(app);
  installOnlineRequestTracking(app);
  installGuard(app, { db, now: () => app.now(), lifetime: config });
  installNulCharacterGuard(app);

  app.register(healthRoutes);
  app.register(sessionRoutes);
  app.register(setupRoutes);
  app.register(workstationRoutes);
  app.register(staffUserRoutes);
  app.register(patronRoutes);
  app.register(itemRoutes);
  app.register(patronRecordRoutes);
  app.register(itemRecordRoutes);
  app.register(circulationRoutes);
  app.register(renewalRoutes);
  app.register(libraryRoutes);
  app.register(offlineSnapshotRoutes);
  app.register(offlineClientStateRoutes);
  app.register(offlineUploadRoutes);
  app.register(administrationRoutes);
  app.register(importRoutes);
  app.register(holdRoutes);
  app.register(holdShelfRoutes);
  app.register(transitRoutes);
  app.register(openApiRoutes);
  app.register(metricsRoutes);
  // Circulation, offline and other areas register here, one line each.

  // Last: the web apps answer every GET that no API route claimed.
  app.register(webAppRoutes, { distDir: config.distDir });
  return app;
}

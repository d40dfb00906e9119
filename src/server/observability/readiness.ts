// Whether this server is ready for requests. main.ts listens before it brings the database up to
// date, so a proxy's readiness check and the offline client's heartbeat hear "migrating" (503)
// instead of a refused connection, and a long upgrade is not mistaken for a dead process. Until the
// server is ready, every route but the health checks and /metrics answers 503.
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { NotReadyReason } from '../../shared/api/session.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';

export type ServerPhase = 'starting' | 'migrating' | 'ready' | 'stopping';

/** The phase main.ts moves through; an app built without one (tests, tools) is always ready. */
export interface ServerReadiness {
  phase: ServerPhase;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers before the server is ready (health checks, metrics). */
    answersWhileStarting?: true;
  }
  interface FastifyInstance {
    readiness: ServerReadiness;
  }
}

/** A database that has not answered in this long counts as down: a check must not hang. */
export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/** Seconds a client is asked to wait before trying a server that is still starting. */
const STARTING_RETRY_AFTER_SECONDS = 5;

/** Settles as `work` does, or rejects once `ms` have passed without an answer. */
export async function withinMs<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A trivial query within DATABASE_CHECK_TIMEOUT_MS; rejects when the database does not answer. */
export async function checkDatabase(db: Kysely<Database>): Promise<void> {
  await withinMs(sql`select 1`.execute(db), DATABASE_CHECK_TIMEOUT_MS, 'database check');
}

/** Why the server is not ready, from its phase alone; null once it is ready. */
export function phaseNotReadyReason(phase: ServerPhase): NotReadyReason | null {
  return phase === 'ready' ? null : phase;
}

/** Installs the gate that answers 503 on every route not marked answersWhileStarting until ready. */
export function installStartupGate(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const phase = app.readiness.phase;
    if (phase !== 'starting' && phase !== 'migrating') return;
    if (request.routeOptions.config.answersWhileStarting) return;
    reply.header('retry-after', String(STARTING_RETRY_AFTER_SECONDS));
    throw new CircaError(
      'DATABASE_UNAVAILABLE',
      503,
      phase === 'migrating'
        ? 'The server is bringing its database up to date after an upgrade. Try again in a minute.'
        : 'The server is starting. Try again in a few seconds.',
      { retryAfterSeconds: STARTING_RETRY_AFTER_SECONDS },
    );
  });
}

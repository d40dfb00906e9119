// Tells the database layer when desks are lending: every request counts as online work except the
// routes that declare `config.backgroundWork`: the uploads of offline transactions, whose storing
// and processing give way to online requests (db/backgroundWork.ts), and the health checks and
// metrics, which every offline client's heartbeat and every scraper call all day long and would
// otherwise keep processing in its small busy-desk batches when no desk is lending.
import type { FastifyInstance } from 'fastify';
import { noteOnlineRequest } from './db/backgroundWork.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's work is background work: a desk does not wait for it. */
    backgroundWork?: true;
  }
}

export function installOnlineRequestTracking(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.backgroundWork !== true) noteOnlineRequest();
  });
}

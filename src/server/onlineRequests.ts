// Tells the database layer when desks are lending: every request counts as online work except the
// routes that declare `config.backgroundWork`: the uploads of offline transactions, whose storing
// and processing give way to online requests (db/backgroundWork.ts), and the health checks and
// metrics, which every offline client's heartbeat and every scraper call all day long and would
// otherwise keep processing in its small busy-desk batches when no desk is lending. While an online
// request is under way, background work gives way to it between slices (giveWayToDesks).
import type { FastifyInstance } from 'fastify';
import { onlineRequestEnded, onlineRequestStarted } from './db/backgroundWork.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's work is background work: a desk does not wait for it. */
    backgroundWork?: true;
  }
}

export function installOnlineRequestTracking(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.backgroundWork === true) return;
    onlineRequestStarted();
    // 'close' comes once, whether the answer was sent whole or the client went first.
    reply.raw.once('close', onlineRequestEnded);
  });
}

// No browser or proxy may keep an API answer: they carry patrons, loans and sessions, and a shared
// desk computer must hold none of them once staff sign out. One hook covers every /api answer,
// errors and unknown addresses included, so a new route cannot forget it. There is no exception;
// a route that should be cached must be added here on purpose, with the reason.
import type { FastifyInstance } from 'fastify';

/** The answer's Cache-Control for everything under /api/. */
export const API_CACHE_CONTROL = 'no-store';

/** True for the API's addresses, however the query string or repeated slashes look. */
export function isApiAddress(url: string): boolean {
  const path = (url.split('?')[0] ?? '').replace(/\/{2,}/g, '/');
  return path === '/api' || path.startsWith('/api/');
}

/** Installs the hook on the root instance, so the 404 and error answers pass it too. */
export function installApiNoStore(app: FastifyInstance): void {
  // onSend, not onRequest: it runs last, after the route and after any error handler, so
  // whatever those set, the answer that leaves is no-store.
  app.addHook('onSend', async (request, reply) => {
    if (isApiAddress(request.url)) reply.header('cache-control', API_CACHE_CONTROL);
  });
}

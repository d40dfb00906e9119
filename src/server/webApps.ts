// Serves the built web apps from dist/web/: the staff app (any non-API path falls back to its
// index.html, so /checkout and /patrons/… load it) and the offline client under /offline/.
// Entry points and service workers are revalidated on every load so an update is never stuck
// behind a cache; content-hashed assets are cached for a year.
import { stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { CircaError } from './errors.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Circa is not built yet</title></head>
<body><h1>Circa's web app has not been built yet</h1>
<p>The server is running, but there is no <code>dist/web/</code> folder to serve.
Run <code>npm run build</code> (or start with <code>npm start</code>, which builds first), then reload this page.</p>
</body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Content-hashed files (vite's assets/ folders) never change under the same name. */
function cacheControlFor(relativePath: string): string {
  return /(^|\/)assets\//.test(relativePath) ? IMMUTABLE : REVALIDATE;
}

export const webAppRoutes: FastifyPluginAsync<{ distDir: string }> = async (app, { distDir }) => {
  const root = resolve(distDir);
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });

  const sendFromDist = (reply: FastifyReply, relativePath: string) =>
    reply.header('cache-control', cacheControlFor(relativePath)).sendFile(relativePath, root, {
      cacheControl: false,
      dotfiles: 'deny',
    });

  /** Resolves a URL path inside the built apps' folder, or null when it would leave it. */
  const inDist = (urlPath: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const relative = normalize(decoded).replace(/^[/\\]+/, '');
    const full = join(root, relative);
    return full === root || full.startsWith(root + sep) ? relative : null;
  };

  app.get(
    '/*',
    { config: { public: true }, schema: { hide: true }, logLevel: 'warn' },
    async (request, reply) => {
      const path = (request.url.split('?')[0] ?? '/').replace(/\/{2,}/g, '/');
      if (path === '/api' || path.startsWith('/api/')) {
        throw new CircaError(
          'NOT_FOUND',
          404,
          `There is no API at ${path.slice(0, 200)}. Check the address.`,
        );
      }
      if (!(await isFile(join(root, 'index.html')))) {
        return reply
          .code(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(NOT_BUILT_PAGE);
      }
      const relative = inDist(path);
      if (relative !== null && relative !== '' && (await isFile(join(root, relative)))) {
        return sendFromDist(reply, relative);
      }
      // A missing file that looks like one (script, image, map) is a plain 404, not the app page.
      const lastSegment = path.slice(path.lastIndexOf('/') + 1);
      if (/\.[A-Za-z0-9]+$/.test(lastSegment)) {
        throw new CircaError('NOT_FOUND', 404, `There is no file at ${path.slice(0, 200)}.`);
      }
      const isOffline = path === '/offline' || path.startsWith('/offline/');
      if (isOffline && (await isFile(join(root, 'offline', 'index.html')))) {
        return sendFromDist(reply, 'offline/index.html');
      }
      if (isOffline) {
        throw new CircaError('NOT_FOUND', 404, 'The offline client is not part of this build.');
      }
      return sendFromDist(reply, 'index.html');
    },
  );
};

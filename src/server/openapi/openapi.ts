// The OpenAPI document, generated from the routes' Zod schemas, served at /api/openapi.json.
// It needs a session like every API route but sign-in and health: it describes, it does not grant.
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/api/session.ts';

/** Options for @fastify/swagger, registered on the root before any route so it sees them all. */
export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Circa API',
      description:
        'Library circulation: staff sessions, patrons, items, check-out and check-in, offline uploads. ' +
        `Sign in with POST /api/session; the browser then holds the \`${SESSION_COOKIE}\` cookie. ` +
        `Every POST, PUT, PATCH and DELETE must carry the session's csrfToken in the \`${CSRF_HEADER}\` header. ` +
        'Errors are `{ error: { code, message, details? } }`.',
      version: '0.1.0',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
    },
    security: [{ session: [] }],
  },
  transform: jsonSchemaTransform,
};

export const openApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/openapi.json',
    { config: { policy: 'openapi.read' }, schema: { hide: true } },
    async () => app.swagger(),
  );
};

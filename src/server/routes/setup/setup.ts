// The sign-in page's question before anyone can sign in: does this library still need its first
// administrator? Public, and it answers only that, so a stranger learns nothing else.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetupStatus } from '../../../shared/api/setup.ts';
import { hasAdministrator } from '../../db/administrators.ts';

export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/setup',
    {
      config: { public: true },
      schema: {
        summary: 'Whether the library still needs its first administrator',
        description:
          'needsAdministrator is true when no administrator account may sign in: the sign-in page then ' +
          'tells staff to run `npx circa create-admin` on the server.',
        tags: ['session'],
        security: [],
        response: { 200: SetupStatus },
      },
    },
    async () => ({ needsAdministrator: !(await hasAdministrator(app.db)) }),
  );
};

// Workstation names: the suggestion shown when a browser is asked which workstation it is.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { WorkstationSuggestion } from '../../../shared/api/session.ts';
import { suggestWorkstationName } from '../../auth/workstations.ts';

export const workstationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/workstations/suggestion',
    {
      config: { policy: 'workstation.set' },
      schema: {
        summary: 'Suggest a workstation name',
        description:
          'The first free `<BRANCH>-DESK-<n>` name at the signed-in staff member’s branch, e.g. MAIN-DESK-2.',
        tags: ['session'],
        response: { 200: WorkstationSuggestion, 401: ApiError },
      },
    },
    async (request) => {
      const branch = await app.db
        .selectFrom('branches')
        .select('code')
        .where('id', '=', request.staff.user.branch_id)
        .executeTakeFirstOrThrow();
      return { name: await suggestWorkstationName(app.db, branch) };
    },
  );
};

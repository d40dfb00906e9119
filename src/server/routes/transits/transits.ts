// Items in transit to and from the signed-in staff member's branch.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { TransitList } from '../../../shared/api/holds.ts';
import { actorOf } from '../../auth/actorOf.ts';
import { readTransits } from '../../commands/holds/holdShelf.ts';

export const transitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/transits',
    {
      config: { policy: 'transit.read' },
      schema: {
        summary: 'In transit',
        description:
          'Items on their way to the workstation’s branch (incoming) and sent from it (outgoing), not yet received, oldest first. Checking an incoming item in at this branch receives it.',
        tags: ['holds'],
        response: { 200: TransitList, 401: ApiError, 403: ApiError },
      },
    },
    async (request) => readTransits({ db: app.db, actor: actorOf(request) }),
  );
};

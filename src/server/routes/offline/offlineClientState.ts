// PUT /api/offline/client-state: the offline client of the signed-in browser reports its state, for
// the workstation list supervisors read, and is told which of its sequence numbers the server has.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  OfflineClientReport,
  OfflineClientReportAnswer,
} from '../../../shared/offline/clientState.ts';
import { requireWorkstation } from '../../auth/guard.ts';
import { reportOfflineClient } from '../../commands/reportOfflineClient.ts';

export const offlineClientStateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/offline/client-state',
    {
      config: { policy: 'offline.install' },
      schema: {
        summary: 'Report the offline client’s state',
        description:
          'Sent by the staff app at each sign-in and by the offline client after each send: whether the offline client is installed, its version, when its snapshot was taken, the highest sequence number it has given a transaction, how many are unsent, and whether it keeps a journal file. Every field is the browser’s claim and is bounded; the workstation and staff member come from the session. The latest report replaces the previous one, except that the highest sequence number reported never goes down. The answer says which of the workstation’s sequence numbers the server has received and which are missing (gaps, and numbers reported recorded but never received), and whether every standby of the database (each physical replication slot) had caught up with it (`replicated`): only such an answer confirms sent transactions for deletion, and missing numbers the client holds as sent are sent again (docs/failover.md).',
        tags: ['offline'],
        body: OfflineClientReport,
        response: {
          200: OfflineClientReportAnswer,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          409: ApiError,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const workstation = requireWorkstation(request);
      return reportOfflineClient({
        db: app.db,
        report: request.body,
        workstation,
        user: request.staff.user,
        now: app.now(),
      });
    },
  );
};

// Acting on a staff member's account: for now, an administrator ending all of someone's sessions
// (a lost laptop, a password seen over a shoulder). Managing accounts themselves comes later.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { EndedSessions } from '../../../shared/api/session.ts';
import { deleteSessionsOf } from '../../auth/sessions.ts';
import { CircaError } from '../../errors.ts';

const StaffUserParams = z.object({
  id: z.coerce
    .number({ error: 'The staff member’s id must be a whole number.' })
    .int('The staff member’s id must be a whole number.')
    .min(1, 'The staff member’s id must be a whole number.'),
});

export const staffUserRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/staff-users/:id/sessions/end',
    {
      config: { policy: 'staffUsers.sessions.end' },
      schema: {
        summary: 'End all sessions of a staff member',
        description:
          'Signs the staff member out on every computer, e.g. when a laptop is lost. They can sign ' +
          'in again with their password; change it too if it may be known.',
        tags: ['staff users'],
        params: StaffUserParams,
        response: {
          200: EndedSessions,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
        },
      },
    },
    async (request) => {
      const staffUserId = request.params.id;
      const staffUser = await app.db
        .selectFrom('staff_users')
        .select('id')
        .where('id', '=', staffUserId)
        .executeTakeFirst();
      if (!staffUser) {
        throw new CircaError(
          'NOT_FOUND',
          404,
          `No staff member has the id ${staffUserId}. Check the id, then try again.`,
        );
      }
      const endedSessions = await deleteSessionsOf(app.db, staffUserId);
      request.log.info(
        { staffUserId, endedSessions, endedBy: request.staff.user.id },
        'staff member’s sessions ended by an administrator',
      );
      return { endedSessions };
    },
  );
};

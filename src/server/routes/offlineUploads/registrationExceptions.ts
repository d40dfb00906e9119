// A supervisor's decision on an offline registration held in the exceptions queue: register the
// new patron after all, merge them with the existing patron, or lend the held loans to the card's
// owner (commands/offlineRegistrationExceptions.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { ExceptionResult, RegistrationDecisionRequest } from '../../../shared/api/offline.ts';
import { resolveRegistration } from '../../commands/offlineRegistrationExceptions.ts';
import { findException } from '../../db/offlineExceptionList.ts';
import { offlineReportScope } from '../../policies/offlineReportScope.ts';

const ExceptionParams = z.object({ id: z.string().min(1).max(64) });

export const registrationExceptionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/offline/exceptions/:id/registration',
    {
      config: { policy: 'offline.exceptions.manage' },
      schema: {
        summary: 'Decide on an offline registration',
        description:
          'For a registration held as a likely duplicate: register_new_patron, or merge (the existing patron gets the new card; their old card no longer works). For a card already in use: lend_to_card_owner (the held loans go to the patron who has the card). Then the loans held on the card are applied once, in time order.',
        tags: ['offline'],
        params: ExceptionParams,
        body: RegistrationDecisionRequest,
        response: {
          200: ExceptionResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
          409: ApiError,
        },
      },
    },
    async (request) => {
      const transaction = await resolveRegistration({
        db: app.db,
        actor: request.staff,
        transactionId: request.params.id,
        decision: request.body.decision,
        now: app.now(),
      });
      return {
        exception: await findException(app.db, transaction, offlineReportScope(request.staff)),
      };
    },
  );
};

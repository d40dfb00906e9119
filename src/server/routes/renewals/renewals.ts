// Renewing at the signed-in staff member's workstation: one loan, or all of a patron's loans.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BarcodeParams } from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  LoanIdParams,
  RenewAllResult,
  RenewalRequest,
  RenewalResult,
} from '../../../shared/api/renewals.ts';
import { actorOf } from '../../auth/actorOf.ts';
import { renewAll } from '../../commands/renewals/renewAll.ts';
import { renewLoan } from '../../commands/renewals/renewLoan.ts';

const REFUSALS =
  'RENEWAL_LIMIT_REACHED (the loan rule’s renewals are used up), RENEWAL_HOLD_WAITING (another patron has a hold this item could fill), PATRON_BLOCKED, PATRON_EXPIRED, ITEM_LOST, NO_LOAN_RULE (no rule covers the loan at this branch, so no due date can be counted), LOAN_NOT_OPEN (the loan has been checked in)';
const OVERRIDE =
  "With `override: { reason }` (supervisors: 'loan.override'; FORBIDDEN for anyone else, and nothing changes) the loan renews past every refusal except LOAN_NOT_OPEN and NO_LOAN_RULE; the renewal records the refusals overridden, the reason, who and at which workstation.";

export const renewalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/loans/:id/renewal',
    {
      config: { policy: 'loan.renew' },
      schema: {
        summary: 'Renew a loan',
        description: `Renews the loan: the new due date is counted from today by the loan rule at the workstation’s branch, past its closed days, as for a check-out (a loan already due later keeps its due date), and the loan’s renewal count goes up by one. Refusals: ${REFUSALS}, NOT_FOUND (no such loan), LOAN_CHANGED (a check-in or another renewal changed the loan at the same moment, twice: look again). ${OVERRIDE}`,
        tags: ['circulation'],
        params: LoanIdParams,
        body: RenewalRequest,
        response: {
          200: RenewalResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
          409: ApiError,
        },
      },
    },
    async (request) =>
      renewLoan({
        db: app.db,
        actor: actorOf(request),
        loanId: request.params.id,
        at: app.now(),
        ...(request.body.override ? { override: request.body.override } : {}),
      }),
  );

  app.post(
    '/api/patrons/:barcode/renewals',
    {
      config: { policy: 'loan.renew' },
      schema: {
        summary: 'Renew all of a patron’s loans',
        description: `Renews every open loan on the card, each decided on its own as for one renewal and committed on its own. The answer lists the loans renewed (with when each was due before) and those refused, each with its code and reason: ${REFUSALS}, LOAN_CHANGED. Refusals of the whole request: INVALID_BARCODE, PATRON_NOT_FOUND, FORBIDDEN. ${OVERRIDE}`,
        tags: ['circulation'],
        params: BarcodeParams,
        body: RenewalRequest,
        response: {
          200: RenewAllResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
        },
      },
    },
    async (request) =>
      renewAll({
        db: app.db,
        actor: actorOf(request),
        patronBarcode: request.params.barcode,
        at: app.now(),
        ...(request.body.override ? { override: request.body.override } : {}),
      }),
  );
};

// Patron look-ups by card barcode: the patron with their first current loans, or a page of loans.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BarcodeParams,
  PATRON_LOANS_PAGE_MAX,
  PATRON_LOANS_SHOWN,
  PatronDetail,
  PatronLoans,
  PatronLoansQuery,
} from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { lookupPatron, patronLoans } from '../../commands/lookups.ts';

export const patronRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/patrons/:barcode',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'Look up a patron',
        description: `The patron with the card barcode, their standing, how many loans they have out (loanCount) and the first ${PATRON_LOANS_SHOWN} of them, soonest due first; the rest come from GET /api/patrons/{barcode}/loans.`,
        tags: ['circulation'],
        params: BarcodeParams,
        response: { 200: PatronDetail, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) =>
      lookupPatron({ db: app.db, patronBarcode: request.params.barcode, at: app.now() }),
  );

  app.get(
    '/api/patrons/:barcode/loans',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'A patron’s loans',
        description: `A page of the open loans on the card, soonest due (so overdue) first, as in the look-up, with how many there are in all. offset skips that many loans (default 0); limit is 1 to ${PATRON_LOANS_PAGE_MAX} (default ${PATRON_LOANS_SHOWN}).`,
        tags: ['circulation'],
        params: BarcodeParams,
        querystring: PatronLoansQuery,
        response: { 200: PatronLoans, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) =>
      patronLoans({ db: app.db, patronBarcode: request.params.barcode, page: request.query }),
  );
};

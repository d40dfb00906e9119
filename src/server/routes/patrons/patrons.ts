// Patron look-ups by card barcode: the patron with current loans, or just the loans.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BarcodeParams, Loan, PatronDetail } from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { lookupPatron, patronLoans } from '../../commands/lookups.ts';

export const PatronLoans = z.object({ loans: z.array(Loan) });

export const patronRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/patrons/:barcode',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'Look up a patron',
        description:
          'The patron with the card barcode, their standing and open loans (soonest due first).',
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
        description: 'The open loans on the card, soonest due first.',
        tags: ['circulation'],
        params: BarcodeParams,
        response: { 200: PatronLoans, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => patronLoans({ db: app.db, patronBarcode: request.params.barcode }),
  );
};

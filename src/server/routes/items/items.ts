// Item look-up by barcode: the item and who has it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BarcodeParams, ItemDetail } from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { lookupItem } from '../../commands/lookups.ts';

export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/items/:barcode',
    {
      config: { policy: 'item.read' },
      schema: {
        summary: 'Look up an item',
        description:
          'The item with the barcode and its open loan, or null when it is on the shelf.',
        tags: ['circulation'],
        params: BarcodeParams,
        response: { 200: ItemDetail, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => lookupItem({ db: app.db, itemBarcode: request.params.barcode }),
  );
};

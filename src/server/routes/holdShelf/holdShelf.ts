// The hold shelf of the signed-in staff member's branch: what waits on it, and clearing an item
// whose hold expired (it then fills the next hold or goes home).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  ClearFromShelfRequest,
  ClearFromShelfResult,
  HoldShelfList,
} from '../../../shared/api/holds.ts';
import { actorOf } from '../../auth/actorOf.ts';
import { clearFromShelf, readHoldShelf } from '../../commands/holds/holdShelf.ts';

export const holdShelfRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/hold-shelf',
    {
      config: { policy: 'holdShelf.read' },
      schema: {
        summary: 'Hold shelf',
        description:
          'The items waiting on the hold shelf of the workstation’s branch, soonest expiring first: the hold (patron, title), the item, since when it waits and its last day. `expired` is true once that day has passed at the branch: take the item off the shelf with POST /api/hold-shelf/clear.',
        tags: ['holds'],
        response: { 200: HoldShelfList, 401: ApiError, 403: ApiError },
      },
    },
    async (request) => readHoldShelf({ db: app.db, actor: actorOf(request), at: app.now() }),
  );

  app.post(
    '/api/hold-shelf/clear',
    {
      config: { policy: 'holdShelf.clear' },
      schema: {
        summary: 'Clear an expired hold from the shelf',
        description:
          'An item whose hold expired, scanned off this branch’s hold shelf: the hold becomes expired and the item is routed as a return here (the next hold’s shelf or transit, home, or the shelves), with the slip to print. Refusals: INVALID_BARCODE, ITEM_NOT_FOUND, ITEM_NOT_ON_HOLD_SHELF (not waiting on this branch’s hold shelf), HOLD_NOT_EXPIRED (its last day has not passed: leave it).',
        tags: ['holds'],
        body: ClearFromShelfRequest,
        response: {
          200: ClearFromShelfResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
          409: ApiError,
        },
      },
    },
    async (request) =>
      clearFromShelf({
        db: app.db,
        actor: actorOf(request),
        itemBarcode: request.body.itemBarcode,
        at: app.now(),
      }),
  );
};

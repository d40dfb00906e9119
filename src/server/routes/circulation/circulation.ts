// Online check-out and check-in at the signed-in staff member's workstation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CheckInRequest,
  CheckInResult,
  CheckOutRequest,
  CheckOutResult,
} from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { actorOf } from '../../auth/actorOf.ts';
import { checkIn } from '../../commands/checkIn.ts';
import { checkOut } from '../../commands/checkOut.ts';

export const circulationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/checkouts',
    {
      config: { policy: 'loan.checkOut' },
      schema: {
        summary: 'Check out',
        description:
          'Lends the item to the patron at the workstation’s branch. Refusals: INVALID_BARCODE, PATRON_NOT_FOUND, ITEM_NOT_FOUND, PATRON_EXPIRED, PATRON_BLOCKED, ITEM_NOT_LOANABLE, ITEM_NEEDS_A_LOOK (a damaged item: send again with `confirmDamaged` once staff have looked), NO_LOAN_RULE, MAX_ITEMS_REACHED, ITEM_ON_LOAN, ITEM_ON_HOLD_FOR_ANOTHER (the item waits for another patron’s hold: the message says where and until when). Lending an item to the patron whose hold caught it, or a copy of a title the patron waits for, fulfils that hold. With `overrideHold` (supervisors, a reason required), an item caught for another patron’s hold is lent anyway, that hold going back to waiting at its place in the queue, written to the audit log. With `override` (supervisors), an item on loan to someone else is checked in first. With `lendPastCard` (supervisors, a reason required), a blocked or expired card borrows anyway, each such loan written to the audit log with who and why.',
        tags: ['circulation'],
        body: CheckOutRequest,
        response: {
          201: CheckOutResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
          409: ApiError,
        },
      },
    },
    async (request, reply) => {
      const { patronBarcode, itemBarcode, override, confirmDamaged, lendPastCard, overrideHold } =
        request.body;
      const result = await checkOut({
        db: app.db,
        actor: actorOf(request),
        patronBarcode,
        itemBarcode,
        at: app.now(),
        ...(override === undefined ? {} : { override }),
        ...(confirmDamaged === undefined ? {} : { confirmDamaged }),
        ...(lendPastCard === undefined ? {} : { lendPastCard }),
        ...(overrideHold === undefined ? {} : { overrideHold }),
        onDamagedLent: (lent) => request.log.info(lent, 'damaged item lent on staff confirmation'),
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/checkins',
    {
      config: { policy: 'loan.checkIn' },
      schema: {
        summary: 'Check in',
        description:
          'Closes the item’s open loan and routes the item: `routing` says shelve, holdShelf (a hold at this branch caught it: print the hold slip) or transit (to the pickup branch of a hold, or home: print the transit slip). An item in transit to this branch is received (`received`). An item not on loan is routed too when there is something to do (in transit, on the hold shelf after its hold ended, away from home, wanted by a hold). Refusals: INVALID_BARCODE, ITEM_NOT_FOUND, ITEM_NOT_ON_LOAN (nothing to do: on the shelf, or waiting on the hold shelf).',
        tags: ['circulation'],
        body: CheckInRequest,
        response: {
          200: CheckInResult,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
          409: ApiError,
        },
      },
    },
    async (request) =>
      checkIn({
        db: app.db,
        actor: actorOf(request),
        itemBarcode: request.body.itemBarcode,
        at: app.now(),
      }),
  );
};

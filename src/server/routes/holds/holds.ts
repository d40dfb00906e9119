// Holds over HTTP: placing one, looking after it (cancel, suspend, resume, pickup branch), a
// patron's holds and a title's page with its copies and queue.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BarcodeParams } from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  CancelHoldResult,
  ChangePickupRequest,
  HoldParams,
  PatronHolds,
  PlaceHoldRequest,
  SuspendHoldRequest,
  TitleDetail,
  TitleParams,
} from '../../../shared/api/holdRequests.ts';
import { Hold } from '../../../shared/api/holds.ts';
import { actorOf } from '../../auth/actorOf.ts';
import {
  cancelHold,
  changePickup,
  resumeHold,
  suspendHold,
} from '../../commands/holds/changeHold.ts';
import { placeHold } from '../../commands/holds/placeHold.ts';
import { readPatronHolds, readTitle } from '../../commands/holds/readHolds.ts';

const refusals = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
} as const;

export const holdRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/holds',
    {
      config: { policy: 'hold.place' },
      schema: {
        summary: 'Place a hold',
        description:
          'Places a hold for the patron on a title (titleId: any copy) or on one copy (itemBarcode), at the end of the title’s queue, collected at pickupBranchCode (default: the workstation’s branch). Refusals: INVALID_BARCODE, PATRON_NOT_FOUND, ITEM_NOT_FOUND, NOT_FOUND (no such title), HOLD_PATRON_BLOCKED, HOLD_PATRON_EXPIRED, HOLD_PICKUP_BRANCH_UNKNOWN, HOLD_ITEM_UNAVAILABLE (the copy is lost, missing or withdrawn), HOLD_ALREADY_PLACED, HOLD_ALREADY_ON_LOAN.',
        tags: ['holds'],
        body: PlaceHoldRequest,
        response: { 201: Hold, ...refusals },
      },
    },
    async (request, reply) => {
      const { patronBarcode, titleId, itemBarcode, pickupBranchCode } = request.body;
      const hold = await placeHold({
        db: app.db,
        actor: actorOf(request),
        patronBarcode,
        ...(titleId === undefined ? {} : { titleId }),
        ...(itemBarcode === undefined ? {} : { itemBarcode }),
        ...(pickupBranchCode === undefined ? {} : { pickupBranchCode }),
        at: app.now(),
      });
      return reply.code(201).send(hold);
    },
  );

  app.post(
    '/api/holds/:id/cancel',
    {
      config: { policy: 'hold.manage' },
      schema: {
        summary: 'Cancel a hold',
        description:
          'Cancels a waiting, in-transit or on-shelf hold. When a copy was caught for it, `releasedItem` names that copy: take it and check it in, so it goes to the next hold or home. Refusals: NOT_FOUND, HOLD_NOT_ACTIVE.',
        tags: ['holds'],
        params: HoldParams,
        response: { 200: CancelHoldResult, ...refusals },
      },
    },
    async (request) =>
      cancelHold({
        db: app.db,
        actor: actorOf(request),
        holdId: request.params.id,
        at: app.now(),
      }),
  );

  app.post(
    '/api/holds/:id/suspend',
    {
      config: { policy: 'hold.manage' },
      schema: {
        summary: 'Suspend a hold',
        description:
          'The hold is not filled before `until` (YYYY-MM-DD, after today and at most a year ahead) and keeps its place in the queue. Refusals: NOT_FOUND, HOLD_SUSPEND_DATE_INVALID, HOLD_ALREADY_TRAPPED, HOLD_NOT_ACTIVE.',
        tags: ['holds'],
        params: HoldParams,
        body: SuspendHoldRequest,
        response: { 200: Hold, ...refusals },
      },
    },
    async (request) =>
      suspendHold({
        db: app.db,
        actor: actorOf(request),
        holdId: request.params.id,
        until: request.body.until,
        at: app.now(),
      }),
  );

  app.post(
    '/api/holds/:id/resume',
    {
      config: { policy: 'hold.manage' },
      schema: {
        summary: 'Resume a hold',
        description:
          'Ends the hold’s suspension: it may be filled from today, from the place it kept. Refusals: NOT_FOUND, HOLD_ALREADY_TRAPPED, HOLD_NOT_ACTIVE.',
        tags: ['holds'],
        params: HoldParams,
        response: { 200: Hold, ...refusals },
      },
    },
    async (request) =>
      resumeHold({
        db: app.db,
        actor: actorOf(request),
        holdId: request.params.id,
        at: app.now(),
      }),
  );

  app.post(
    '/api/holds/:id/pickup',
    {
      config: { policy: 'hold.manage' },
      schema: {
        summary: 'Change the pickup branch',
        description:
          'The patron collects at the branch with `branchCode`; only while the hold waits. Refusals: NOT_FOUND, HOLD_PICKUP_BRANCH_UNKNOWN, HOLD_ALREADY_TRAPPED (a copy is in transit or on the hold shelf for it), HOLD_NOT_ACTIVE.',
        tags: ['holds'],
        params: HoldParams,
        body: ChangePickupRequest,
        response: { 200: Hold, ...refusals },
      },
    },
    async (request) =>
      changePickup({
        db: app.db,
        actor: actorOf(request),
        holdId: request.params.id,
        branchCode: request.body.branchCode,
        at: app.now(),
      }),
  );

  app.get(
    '/api/patrons/:barcode/holds',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'A patron’s holds',
        description:
          'The patron’s active holds (oldest first, waiting ones with their queue position), then their last 20 ended holds. Refusals: INVALID_BARCODE, PATRON_NOT_FOUND.',
        tags: ['holds'],
        params: BarcodeParams,
        response: { 200: PatronHolds, ...refusals },
      },
    },
    async (request) => readPatronHolds({ db: app.db, patronBarcode: request.params.barcode }),
  );

  app.get(
    '/api/titles/:id',
    {
      config: { policy: 'item.read' },
      schema: {
        summary: 'A title',
        description:
          'The title, its copies (with the due date of each copy on loan) and its queue: the active holds in the order they were placed. Refusals: NOT_FOUND.',
        tags: ['holds'],
        params: TitleParams,
        response: { 200: TitleDetail, ...refusals },
      },
    },
    async (request) => readTitle({ db: app.db, titleId: request.params.id }),
  );
};

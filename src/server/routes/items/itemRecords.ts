// Items: add, edit, mark lost, missing, damaged or available, withdraw, find by barcode or words.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  ItemAnswer,
  ItemChanges,
  ItemSearchResults,
  MarkItemStatus,
  NewItem,
} from '../../../shared/api/items.ts';
import { RecordIdParams, SearchQuery } from '../../../shared/api/patrons.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import { addItem, editItem, markItemStatus, withdrawItem } from '../../commands/itemRecords.ts';
import { searchItems } from '../../commands/searchRecords.ts';

const CHANGE_ERRORS = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export const itemRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/items',
    {
      config: { policy: 'item.read' },
      schema: {
        summary: 'Find items',
        description:
          'q is an item barcode (that one item) or words of a title or author: every word must appear in the title or the author, in any case, and one of them must have at least 3 characters. Title order, 25 a page.',
        tags: ['items'],
        querystring: SearchQuery,
        response: { 200: ItemSearchResults, 400: ApiError, 401: ApiError },
      },
    },
    async (request) =>
      searchItems({ db: app.db, q: request.query.q, page: request.query.page, at: app.now() }),
  );

  app.post(
    '/api/items',
    {
      config: { policy: 'item.add' },
      schema: {
        summary: 'Add an item',
        description:
          'The barcode must pass the library’s item rules and be unused (409 BARCODE_IN_USE). A new item is available.',
        tags: ['items'],
        body: NewItem,
        response: { 201: ItemAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const item = await addItem({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        item: request.body,
      });
      return reply.code(201).send({ item });
    },
  );

  app.patch(
    '/api/items/:id',
    {
      config: { policy: 'item.edit' },
      schema: {
        summary: 'Edit an item',
        description: 'Changes only the fields sent. The barcode stays: it is the item’s label.',
        tags: ['items'],
        params: RecordIdParams,
        body: ItemChanges,
        response: { 200: ItemAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      item: await editItem({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        itemId: request.params.id,
        changes: request.body,
      }),
    }),
  );

  app.post(
    '/api/items/:id/status',
    {
      config: { policy: 'item.markStatus' },
      schema: {
        summary: 'Mark an item lost, missing, damaged or available',
        description:
          'An item on loan may only be marked lost (its loan stays on the card until it is checked in); a withdrawn item’s status no longer changes (409).',
        tags: ['items'],
        params: RecordIdParams,
        body: MarkItemStatus,
        response: { 200: ItemAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      item: await markItemStatus({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        itemId: request.params.id,
        status: request.body.status,
      }),
    }),
  );

  app.post(
    '/api/items/:id/withdraw',
    {
      config: { policy: 'item.withdraw' },
      schema: {
        summary: 'Withdraw an item',
        description:
          'Kept for its loan history and never lent again. Refused while the item is on loan (409).',
        tags: ['items'],
        params: RecordIdParams,
        response: { 200: ItemAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      item: await withdrawItem({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        itemId: request.params.id,
      }),
    }),
  );
};

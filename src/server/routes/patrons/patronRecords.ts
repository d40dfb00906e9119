// Patrons at the desk: register, edit, block, unblock, renew a card, find by barcode or name, and
// the choices the registration and item forms offer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BarcodeParams } from '../../../shared/api/circulation.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  BlockPatron,
  NewPatron,
  PatronChanges,
  PatronRecordAnswer,
  PatronSearchResults,
  RecordChoices,
  RecordIdParams,
  SearchQuery,
} from '../../../shared/api/patrons.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import {
  blockPatron,
  editPatron,
  registerPatron,
  renewCard,
  unblockPatron,
} from '../../commands/patronRecords.ts';
import { searchPatrons } from '../../commands/searchRecords.ts';
import { patronRecordById } from '../../db/recordViews.ts';
import { CircaError } from '../../errors.ts';
import { presentPatronRecord } from '../../presenters/records.ts';

const CHANGE_ERRORS = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export const patronRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/patrons',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'Find patrons',
        description:
          'q is a card barcode (that one patron) or words of a name: every word must appear somewhere in the name, in any case, and one of them must have at least 3 characters. Name order, 25 a page.',
        tags: ['patrons'],
        querystring: SearchQuery,
        response: { 200: PatronSearchResults, 400: ApiError, 401: ApiError },
      },
    },
    async (request) =>
      searchPatrons({ db: app.db, q: request.query.q, page: request.query.page, at: app.now() }),
  );

  app.get(
    '/api/patrons/:barcode/record',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'A patron’s record',
        description: 'The patron with the card barcode and their contact details.',
        tags: ['patrons'],
        params: BarcodeParams,
        response: { 200: PatronRecordAnswer, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const row = await app.db
        .selectFrom('patrons')
        .select('id')
        .where('barcode', '=', request.params.barcode)
        .executeTakeFirst();
      const record = row ? await patronRecordById(app.db, row.id) : undefined;
      if (!record) {
        throw new CircaError(
          'PATRON_NOT_FOUND',
          404,
          `No patron has the card ${request.params.barcode}. Check the card, or register the patron first.`,
        );
      }
      return { patron: presentPatronRecord(record, app.now()) };
    },
  );

  app.post(
    '/api/patrons',
    {
      config: { policy: 'patron.register' },
      schema: {
        summary: 'Register a patron',
        description:
          'The card barcode must pass the library’s rules and be unused (409 BARCODE_IN_USE, which never says whose it is). Without expiresOn the card runs the patron type’s card period from today at the home branch.',
        tags: ['patrons'],
        body: NewPatron,
        response: { 201: PatronRecordAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const patron = await registerPatron({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        patron: request.body,
      });
      return reply.code(201).send({ patron });
    },
  );

  app.patch(
    '/api/patrons/:id',
    {
      config: { policy: 'patron.edit' },
      schema: {
        summary: 'Edit a patron',
        description: 'Changes only the fields sent; an empty email, phone or address clears it.',
        tags: ['patrons'],
        params: RecordIdParams,
        body: PatronChanges,
        response: { 200: PatronRecordAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      patron: await editPatron({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        patronId: request.params.id,
        changes: request.body,
      }),
    }),
  );

  app.post(
    '/api/patrons/:id/block',
    {
      config: { policy: 'patron.block' },
      schema: {
        summary: 'Block a patron',
        description:
          'Check-out refuses the card, showing the reason, until a supervisor unblocks it.',
        tags: ['patrons'],
        params: RecordIdParams,
        body: BlockPatron,
        response: { 200: PatronRecordAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      patron: await blockPatron({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        patronId: request.params.id,
        reason: request.body.reason,
      }),
    }),
  );

  app.post(
    '/api/patrons/:id/unblock',
    {
      config: { policy: 'patron.unblock' },
      schema: {
        summary: 'Unblock a patron',
        description: 'Refused with 409 when the patron is not blocked.',
        tags: ['patrons'],
        params: RecordIdParams,
        response: { 200: PatronRecordAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      patron: await unblockPatron({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        patronId: request.params.id,
      }),
    }),
  );

  app.post(
    '/api/patrons/:id/renew-card',
    {
      config: { policy: 'patron.renewCard' },
      schema: {
        summary: 'Renew a patron’s card',
        description:
          'An expired card runs the patron type’s card period from today; a card still valid runs it on from its current expiry.',
        tags: ['patrons'],
        params: RecordIdParams,
        response: { 200: PatronRecordAnswer, ...CHANGE_ERRORS },
      },
    },
    async (request) => ({
      patron: await renewCard({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        patronId: request.params.id,
      }),
    }),
  );

  app.get(
    '/api/record-choices',
    {
      config: { policy: 'patron.read' },
      schema: {
        summary: 'Patron types, material types and branches',
        description: 'What the registration and item forms offer, each in code order.',
        tags: ['patrons'],
        response: { 200: RecordChoices, 401: ApiError },
      },
    },
    async () => {
      const [patronTypes, materialTypes, branches] = await Promise.all([
        app.db.selectFrom('patron_types').selectAll().orderBy('code').execute(),
        app.db.selectFrom('material_types').selectAll().orderBy('code').execute(),
        app.db.selectFrom('branches').selectAll().orderBy('code').execute(),
      ]);
      return {
        patronTypes: patronTypes.map((t) => ({
          code: t.code,
          name: t.name,
          cardMonths: t.card_months,
        })),
        materialTypes: materialTypes.map((t) => ({ code: t.code, name: t.name })),
        branches: branches.map((b) => ({ code: b.code, name: b.name, timeZone: b.time_zone })),
      };
    },
  );
};

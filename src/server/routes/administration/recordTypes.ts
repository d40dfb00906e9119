// Patron types and material types: GET, POST /api/admin/patron-types and …/material-types, and
// PUT …/:id for each.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MaterialTypeChange,
  MaterialTypeList,
  MaterialTypeRecord,
  NewMaterialType,
  NewPatronType,
  PatronTypeChange,
  PatronTypeList,
  PatronTypeRecord,
  RecordIdParams,
} from '../../../shared/api/administration.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import {
  changeMaterialType,
  changePatronType,
  createMaterialType,
  createPatronType,
} from '../../commands/administration/recordTypes.ts';
import { presentMaterialType, presentPatronType } from '../../presenters/administration.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminRecordTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/patron-types',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Patron types',
        tags: ['administration'],
        response: { 200: PatronTypeList, ...READ_ERRORS },
      },
    },
    async () => ({
      patronTypes: (
        await app.db.selectFrom('patron_types').selectAll().orderBy('code').execute()
      ).map(presentPatronType),
    }),
  );

  app.post(
    '/api/admin/patron-types',
    {
      config: { policy: 'patronTypes.manage' },
      schema: {
        summary: 'Add a patron type',
        tags: ['administration'],
        body: NewPatronType,
        response: { 201: PatronTypeRecord, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const patronType = await createPatronType({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        patronType: request.body,
      });
      return reply.code(201).send(patronType);
    },
  );

  app.put(
    '/api/admin/patron-types/:id',
    {
      config: { policy: 'patronTypes.manage' },
      schema: {
        summary: 'Change a patron type',
        description:
          'Name and card period; the code stays. Cards already issued keep their expiry.',
        tags: ['administration'],
        params: RecordIdParams,
        body: PatronTypeChange,
        response: { 200: PatronTypeRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changePatronType({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        change: request.body,
      }),
  );

  app.get(
    '/api/admin/material-types',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Material types',
        tags: ['administration'],
        response: { 200: MaterialTypeList, ...READ_ERRORS },
      },
    },
    async () => ({
      materialTypes: (
        await app.db.selectFrom('material_types').selectAll().orderBy('code').execute()
      ).map(presentMaterialType),
    }),
  );

  app.post(
    '/api/admin/material-types',
    {
      config: { policy: 'materialTypes.manage' },
      schema: {
        summary: 'Add a material type',
        tags: ['administration'],
        body: NewMaterialType,
        response: { 201: MaterialTypeRecord, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const materialType = await createMaterialType({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        materialType: request.body,
      });
      return reply.code(201).send(materialType);
    },
  );

  app.put(
    '/api/admin/material-types/:id',
    {
      config: { policy: 'materialTypes.manage' },
      schema: {
        summary: 'Rename a material type',
        tags: ['administration'],
        params: RecordIdParams,
        body: MaterialTypeChange,
        response: { 200: MaterialTypeRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeMaterialType({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        change: request.body,
      }),
  );
};

// Workstations: GET, POST /api/admin/workstations, PUT and DELETE /api/admin/workstations/:id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RecordIdParams,
  WorkstationInput,
  WorkstationList,
  WorkstationRecord,
} from '../../../shared/api/administration.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import {
  changeWorkstation,
  createWorkstation,
  listWorkstations,
  removeWorkstation,
} from '../../commands/administration/workstations.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminWorkstationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/workstations',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Workstations',
        description: 'Each with its branch and when it was last used for a loan or a session.',
        tags: ['administration'],
        response: { 200: WorkstationList, ...READ_ERRORS },
      },
    },
    async () => ({ workstations: await listWorkstations(app.db) }),
  );

  app.post(
    '/api/admin/workstations',
    {
      config: { policy: 'workstations.manage' },
      schema: {
        summary: 'Add a workstation',
        tags: ['administration'],
        body: WorkstationInput,
        response: { 201: WorkstationRecord, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const workstation = await createWorkstation({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        workstation: request.body,
      });
      return reply.code(201).send(workstation);
    },
  );

  app.put(
    '/api/admin/workstations/:id',
    {
      config: { policy: 'workstations.manage' },
      schema: {
        summary: 'Rename a workstation or move it to another branch',
        tags: ['administration'],
        params: RecordIdParams,
        body: WorkstationInput,
        response: { 200: WorkstationRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeWorkstation({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        change: request.body,
      }),
  );

  app.delete(
    '/api/admin/workstations/:id',
    {
      config: { policy: 'workstations.manage' },
      schema: {
        summary: 'Remove a workstation that has no history',
        description:
          'One with loans, offline transactions or uploads is kept (409 IN_USE): rename or move it instead.',
        tags: ['administration'],
        params: RecordIdParams,
        response: { 204: z.null().describe('Removed'), ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      await removeWorkstation({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );
};

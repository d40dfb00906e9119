// GET, POST /api/admin/branches and PUT /api/admin/branches/:id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminBranchList,
  BranchChange,
  NewBranch,
  RecordIdParams,
} from '../../../shared/api/administration.ts';
import { Branch } from '../../../shared/api/library.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import { changeBranch, createBranch } from '../../commands/administration/branches.ts';
import { listBranches } from '../../db/branches.ts';
import { presentLibraryBranch } from '../../presenters/library.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminBranchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/branches',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Branches to administer',
        tags: ['administration'],
        response: { 200: AdminBranchList, ...READ_ERRORS },
      },
    },
    async () => ({ branches: (await listBranches(app.db)).map(presentLibraryBranch) }),
  );

  app.post(
    '/api/admin/branches',
    {
      config: { policy: 'branches.manage' },
      schema: {
        summary: 'Add a branch',
        description: 'A code in use (in any letter case) is refused with 409 ALREADY_EXISTS.',
        tags: ['administration'],
        body: NewBranch,
        response: { 201: Branch, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const branch = await createBranch({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        branch: request.body,
      });
      return reply.code(201).send(branch);
    },
  );

  app.put(
    '/api/admin/branches/:id',
    {
      config: { policy: 'branches.manage' },
      schema: {
        summary: 'Change a branch',
        description:
          'Name, time zone and closed weekdays; the code stays. New due dates follow at once.',
        tags: ['administration'],
        params: RecordIdParams,
        body: BranchChange,
        response: { 200: Branch, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeBranch({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        change: request.body,
      }),
  );
};

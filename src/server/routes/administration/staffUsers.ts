// Staff accounts: GET, POST /api/admin/staff-users, PUT /api/admin/staff-users/:id, and
// POST …/:id/password, …/:id/disable, …/:id/enable.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DisableStaffUser,
  NewStaffUser,
  PasswordReset,
  RecordIdParams,
  StaffUserChange,
  StaffUserList,
  StaffUserRecord,
} from '../../../shared/api/administration.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import {
  changeStaffUser,
  createStaffUser,
  disableStaffUser,
  enableStaffUser,
  resetStaffPassword,
} from '../../commands/administration/staffUsers.ts';
import { presentStaffUser } from '../../presenters/administration.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminStaffUserRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/staff-users',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Staff accounts',
        tags: ['administration'],
        response: { 200: StaffUserList, ...READ_ERRORS },
      },
    },
    async () => {
      const rows = await app.db
        .selectFrom('staff_users')
        .innerJoin('branches', 'branches.id', 'staff_users.branch_id')
        .selectAll('staff_users')
        .select([
          'branches.code as branch_code',
          'branches.name as branch_name',
          'branches.time_zone as branch_time_zone',
          'branches.closed_weekdays as branch_closed_weekdays',
        ])
        .orderBy('staff_users.username')
        .execute();
      return {
        staffUsers: rows.map((row) =>
          presentStaffUser(row, {
            id: row.branch_id,
            code: row.branch_code,
            name: row.branch_name,
            time_zone: row.branch_time_zone,
            closed_weekdays: row.branch_closed_weekdays,
          }),
        ),
      };
    },
  );

  app.post(
    '/api/admin/staff-users',
    {
      config: { policy: 'staffUsers.manage' },
      schema: {
        summary: 'Add a staff account',
        description:
          'The password must pass the password rule (length, known passwords, not the username).',
        tags: ['administration'],
        body: NewStaffUser,
        response: { 201: StaffUserRecord, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const user = await createStaffUser({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        passwordCost: app.config.passwordCost,
        user: request.body,
      });
      return reply.code(201).send(user);
    },
  );

  app.put(
    '/api/admin/staff-users/:id',
    {
      config: { policy: 'staffUsers.manage' },
      schema: {
        summary: 'Change a staff account',
        description:
          'Name, role and home branch; the username stays. The last active administrator keeps the admin role.',
        tags: ['administration'],
        params: RecordIdParams,
        body: StaffUserChange,
        response: { 200: StaffUserRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeStaffUser({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        change: request.body,
      }),
  );

  app.post(
    '/api/admin/staff-users/:id/password',
    {
      config: { policy: 'staffUsers.manage' },
      schema: {
        summary: 'Set a new password',
        description: 'Ends every session of the account: they sign in again with the new password.',
        tags: ['administration'],
        params: RecordIdParams,
        body: PasswordReset,
        response: { 200: StaffUserRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      resetStaffPassword({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        passwordCost: app.config.passwordCost,
        id: request.params.id,
        password: request.body.password,
      }),
  );

  app.post(
    '/api/admin/staff-users/:id/disable',
    {
      config: { policy: 'staffUsers.manage' },
      schema: {
        summary: 'Disable a staff account',
        description:
          'The account may no longer sign in and its sessions end at once. The last active administrator cannot be disabled (409 LAST_ADMINISTRATOR).',
        tags: ['administration'],
        params: RecordIdParams,
        body: DisableStaffUser,
        response: { 200: StaffUserRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      disableStaffUser({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        reason: request.body.reason,
      }),
  );

  app.post(
    '/api/admin/staff-users/:id/enable',
    {
      config: { policy: 'staffUsers.manage' },
      schema: {
        summary: 'Enable a disabled staff account',
        tags: ['administration'],
        params: RecordIdParams,
        response: { 200: StaffUserRecord, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      enableStaffUser({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
      }),
  );
};

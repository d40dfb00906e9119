// GET /api/audit-log: every change to the library's set-up, newest first, filtered and paged.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditLogPage, AuditLogQuery } from '../../../shared/api/administration.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { readAuditLog } from '../../commands/administration/readAuditLog.ts';
import { READ_ERRORS } from './responses.ts';

export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit-log',
    {
      config: { policy: 'auditLog.read' },
      schema: {
        summary: 'The audit log',
        description:
          'Who changed what and when, with the record before and after, newest first. Filter by `action`, `subjectType`, `subjectId`, `actor` (a username, or "command line") and days `from`–`to` (inclusive, in the time zone of the reader’s workstation branch).',
        tags: ['administration'],
        querystring: AuditLogQuery,
        response: { 200: AuditLogPage, 400: ApiError, ...READ_ERRORS },
      },
    },
    async (request) => {
      const { staff } = request;
      const branchId = staff.workstation?.branch_id ?? staff.user.branch_id;
      const branch = await app.db
        .selectFrom('branches')
        .select('time_zone')
        .where('id', '=', branchId)
        .executeTakeFirstOrThrow();
      return readAuditLog({ db: app.db, query: request.query, timeZone: branch.time_zone });
    },
  );
};

// The library's set-up: branches, loan rules, and closed days (read by staff, changed by admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  BranchList,
  ClosedDayCreated,
  ClosedDayList,
  ClosedDayParams,
  ClosedDaysRangeQuery,
  LoanRuleList,
  NewClosedDay,
} from '../../../shared/api/library.ts';
import { addClosedDay } from '../../commands/addClosedDay.ts';
import { removeClosedDay } from '../../commands/removeClosedDay.ts';
import { listBranches, requireBranchByCode } from '../../db/branches.ts';
import { listClosedDays } from '../../db/closedDays.ts';
import { readLoanRules } from '../../db/loanRules.ts';
import { CircaError } from '../../errors.ts';
import { presentLibraryBranch, presentLoanRule } from '../../presenters/library.ts';

export const libraryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/library/branches',
    {
      config: { policy: 'closedDays.read' },
      schema: {
        summary: 'Branches',
        description: 'Every branch with its time zone and the weekdays it is always closed.',
        tags: ['library'],
        response: { 200: BranchList, 401: ApiError },
      },
    },
    async () => {
      const branches = await listBranches(app.db);
      return { branches: branches.map(presentLibraryBranch) };
    },
  );

  app.get(
    '/api/library/loan-rules',
    {
      config: { policy: 'loanRules.read' },
      schema: {
        summary: 'Loan rules',
        description:
          'Loan days and item limits per patron type and material type; a rule with a branch wins there over the library-wide one.',
        tags: ['library'],
        response: { 200: LoanRuleList, 401: ApiError },
      },
    },
    async () => {
      const rules = await readLoanRules(app.db);
      return { loanRules: rules.map(presentLoanRule) };
    },
  );

  app.get(
    '/api/library/closed-days',
    {
      config: { policy: 'closedDays.read' },
      schema: {
        summary: 'Closed days of a branch',
        description:
          'The branch’s closed days in date order, optionally only those from `from` to `to` (inclusive).',
        tags: ['library'],
        querystring: ClosedDaysRangeQuery,
        response: { 200: ClosedDayList, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const { branch: code, from, to } = request.query;
      if (from !== undefined && to !== undefined && from > to) {
        throw new CircaError(
          'BAD_REQUEST',
          400,
          `The range starts (${from}) after it ends (${to}). Swap the dates.`,
          { from, to },
        );
      }
      const branch = await requireBranchByCode(app.db, code);
      const closedDays = await listClosedDays(app.db, branch.id, { from, to });
      return { branch: presentLibraryBranch(branch), closedDays };
    },
  );

  app.post(
    '/api/library/closed-days',
    {
      config: { policy: 'closedDays.manage' },
      schema: {
        summary: 'Close a branch for a day',
        description:
          'Due dates that would fall on the day move to the next open day. A day already closed is refused with 409.',
        tags: ['library'],
        body: NewClosedDay,
        response: {
          201: ClosedDayCreated,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
          409: ApiError,
        },
      },
    },
    async (request, reply) => {
      const { branch, date, reason } = request.body;
      const created = await addClosedDay({ db: app.db, branchCode: branch, date, reason });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/library/closed-days/:branch/:date',
    {
      config: { policy: 'closedDays.manage' },
      schema: {
        summary: 'Reopen a branch on a closed day',
        description: 'Loans already made keep their due dates.',
        tags: ['library'],
        params: ClosedDayParams,
        response: {
          204: z.null().describe('Reopened'),
          400: ApiError,
          401: ApiError,
          403: ApiError,
          404: ApiError,
        },
      },
    },
    async (request, reply) => {
      await removeClosedDay({
        db: app.db,
        branchCode: request.params.branch,
        date: request.params.date,
      });
      return reply.code(204).send(null);
    },
  );
};

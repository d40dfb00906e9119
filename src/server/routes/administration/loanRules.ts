// Loan rules: GET, POST /api/admin/loan-rules, PUT and DELETE /api/admin/loan-rules/:id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminLoanRuleList,
  LoanRuleChange,
  NewLoanRule,
  RecordIdParams,
} from '../../../shared/api/administration.ts';
import { LoanRule } from '../../../shared/api/library.ts';
import { auditActorOf } from '../../auth/auditActorOf.ts';
import {
  changeLoanRule,
  createLoanRule,
  deleteLoanRule,
} from '../../commands/administration/loanRules.ts';
import { readLoanRules } from '../../db/loanRules.ts';
import { presentLoanRule } from '../../presenters/library.ts';
import { CHANGE_ERRORS, READ_ERRORS } from './responses.ts';

export const adminLoanRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/loan-rules',
    {
      config: { policy: 'admin.read' },
      schema: {
        summary: 'Loan rules to administer',
        tags: ['administration'],
        response: { 200: AdminLoanRuleList, ...READ_ERRORS },
      },
    },
    async () => ({ loanRules: (await readLoanRules(app.db)).map(presentLoanRule) }),
  );

  app.post(
    '/api/admin/loan-rules',
    {
      config: { policy: 'loanRules.manage' },
      schema: {
        summary: 'Add a loan rule',
        description:
          'One rule per patron type, material type and branch (or every branch); a second is refused with 409 ALREADY_EXISTS. Applies to the next loan.',
        tags: ['administration'],
        body: NewLoanRule,
        response: { 201: LoanRule, ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      const rule = await createLoanRule({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        rule: request.body,
      });
      return reply.code(201).send(rule);
    },
  );

  app.put(
    '/api/admin/loan-rules/:id',
    {
      config: { policy: 'loanRules.manage' },
      schema: {
        summary: 'Change a loan rule',
        description:
          'Loan days, most items out and renewals; loans already made keep their due dates.',
        tags: ['administration'],
        params: RecordIdParams,
        body: LoanRuleChange,
        response: { 200: LoanRule, ...CHANGE_ERRORS },
      },
    },
    async (request) =>
      changeLoanRule({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
        change: request.body,
      }),
  );

  app.delete(
    '/api/admin/loan-rules/:id',
    {
      config: { policy: 'loanRules.manage' },
      schema: {
        summary: 'Delete a loan rule',
        tags: ['administration'],
        params: RecordIdParams,
        response: { 204: z.null().describe('Deleted'), ...CHANGE_ERRORS },
      },
    },
    async (request, reply) => {
      await deleteLoanRule({
        db: app.db,
        actor: auditActorOf(request),
        at: app.now(),
        id: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );
};

// Staff sign-in, the session, sign-out, and naming the workstation a session works at.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  EndedSessions,
  SessionInfo,
  SetWorkstationRequest,
  SignInRequest,
} from '../../../shared/api/session.ts';
import { clearSessionCookie, setSessionCookie } from '../../auth/cookies.ts';
import { attachStaff, sessionTokenOf } from '../../auth/guard.ts';
import {
  createSession,
  deleteSession,
  deleteSessionsOf,
  setSessionWorkstation,
} from '../../auth/sessions.ts';
import { decoyPasswordHash, verifyStaffSignIn } from '../../auth/signIn.ts';
import { hashSessionToken } from '../../auth/tokens.ts';
import { findOrCreateWorkstation } from '../../auth/workstations.ts';
import { presentSessionInfo } from '../../presenters/session.ts';

const SIGN_IN_WINDOW_MS = 60_000;

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const decoyHash = decoyPasswordHash(config.passwordCost);

  app.post(
    '/api/session',
    {
      config: {
        public: true,
        rateLimit: { max: config.signInAttemptsPerMinute, timeWindow: SIGN_IN_WINDOW_MS },
      },
      schema: {
        summary: 'Sign in',
        description:
          'Checks the username and password and starts a new session (a new cookie every time). ' +
          'With `workstation`, the session is tied to that workstation (created at the staff ' +
          'member’s branch when new). After five failed sign-ins for a username from one address, ' +
          'that address waits before its next attempt (30 s, doubling to at most 15 minutes: 429 ' +
          'with `retryAfterSeconds`); other addresses are not held up by it.',
        tags: ['session'],
        security: [],
        body: SignInRequest,
        response: { 200: SessionInfo, 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      const now = app.now();
      const user = await verifyStaffSignIn({
        db,
        username: request.body.username,
        password: request.body.password,
        clientAddress: request.ip,
        now,
        decoyHash,
      });
      // Whatever session this browser had ends here: a session id is never carried across sign-ins.
      const previous = sessionTokenOf(request);
      if (previous) await deleteSession(db, hashSessionToken(previous));

      const workstation = request.body.workstation
        ? await findOrCreateWorkstation(db, {
            name: request.body.workstation,
            branchId: user.branch_id,
            now,
          })
        : null;
      const { token, session } = await createSession(db, {
        staffUserId: user.id,
        workstationId: workstation?.id ?? null,
        now,
        lifetime: config,
      });
      setSessionCookie(request, reply, token, config.sessionMaxLifetimeMs);
      const staff = { user, workstation, session };
      attachStaff(request, staff);
      request.log.info({ staffUserId: user.id }, 'staff signed in');
      return presentSessionInfo(db, staff);
    },
  );

  app.get(
    '/api/session',
    {
      config: { policy: 'session.read' },
      schema: {
        summary: 'The signed-in staff member',
        tags: ['session'],
        response: { 200: SessionInfo, 401: ApiError },
      },
    },
    async (request) => presentSessionInfo(db, request.staff),
  );

  app.delete(
    '/api/session',
    {
      config: { policy: 'session.end' },
      schema: {
        summary: 'Sign out',
        description: 'Ends the session on the server and clears the cookie.',
        tags: ['session'],
        response: { 204: z.null().describe('Signed out'), 401: ApiError, 403: ApiError },
      },
    },
    async (request, reply) => {
      await deleteSession(db, request.staff.session.token_hash);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/session/sign-out-everywhere',
    {
      config: { policy: 'session.end' },
      schema: {
        summary: 'Sign out everywhere',
        description:
          'Ends every session of the signed-in staff member, on every computer, this one included, ' +
          'and clears the cookie: for a password that may have been seen or a computer left signed in.',
        tags: ['session'],
        response: { 200: EndedSessions, 401: ApiError, 403: ApiError },
      },
    },
    async (request, reply) => {
      const staffUserId = request.staff.user.id;
      const endedSessions = await deleteSessionsOf(db, staffUserId);
      clearSessionCookie(request, reply);
      request.log.info({ staffUserId, endedSessions }, 'staff signed out everywhere');
      return { endedSessions };
    },
  );

  app.put(
    '/api/session/workstation',
    {
      config: { policy: 'workstation.set' },
      schema: {
        summary: 'Name this browser’s workstation',
        description:
          'Ties the session to the named workstation, creating it at the staff member’s branch when the name is new.',
        tags: ['session'],
        body: SetWorkstationRequest,
        response: { 200: SessionInfo, 400: ApiError, 401: ApiError, 403: ApiError },
      },
    },
    async (request) => {
      const { user, session } = request.staff;
      const workstation = await findOrCreateWorkstation(db, {
        name: request.body.name,
        branchId: user.branch_id,
        now: app.now(),
      });
      await setSessionWorkstation(db, session.token_hash, workstation.id);
      const staff = {
        user,
        workstation,
        session: { ...session, workstation_id: workstation.id },
      };
      attachStaff(request, staff);
      return presentSessionInfo(db, staff);
    },
  );
};

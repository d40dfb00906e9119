// The one gate every request passes: each route must say who may call it (`config.public` or
// `config.policy`), and this hook enforces it: session, CSRF, then the policy table.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffAction } from '../../shared/api/actions.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/api/session.ts';
import type { Database, Session, StaffUser, Workstation } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { can, isAction, rolesAllowed } from '../policies/policies.ts';
import { clearSessionCookie } from './cookies.ts';
import { crossSiteReason, isStateChanging } from './csrf.ts';
import { deleteSessionsOf, findLiveStaffSession, type SessionLifetime } from './sessions.ts';
import { secretsEqual } from './tokens.ts';

/** The signed-in staff member behind a request. */
export interface StaffContext {
  user: StaffUser;
  /** Null until the browser has named its workstation (PUT /api/session/workstation). */
  workstation: Workstation | null;
  session: Session;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anyone may call the route, signed in or not (sign-in, health, the web apps' files). */
    public?: true;
    /** The action a signed-in staff member's role must allow (see policies/policies.ts). */
    policy?: StaffAction;
  }
  interface FastifyInstance {
    /** Every route and who may call it, in registration order (HEAD twins of GET left out). */
    readonly routeAccess: readonly RouteAccess[];
  }
  interface FastifyRequest {
    /** The signed-in staff member; present on every route with `config.policy`. */
    readonly staff: StaffContext;
  }
}

export interface RouteAccess {
  method: string;
  /** The path pattern, e.g. /api/patrons/:barcode. */
  url: string;
  access: { public: true } | { policy: StaffAction };
}

const staffByRequest = new WeakMap<FastifyRequest, StaffContext>();

export class UndeclaredRouteAccessError extends Error {
  override name = 'UndeclaredRouteAccessError';
}

export interface GuardOptions {
  db: Kysely<Database>;
  now: () => number;
  lifetime: SessionLifetime;
}

/** The session cookie's token, if the request carries one. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token ? token : undefined;
}

/** Installs the access gate on the root instance; call before any route is added. */
export function installGuard(app: FastifyInstance, options: GuardOptions): void {
  const { db, now, lifetime } = options;

  app.decorateRequest('staff', {
    getter(this: FastifyRequest): StaffContext {
      const staff = staffByRequest.get(this);
      if (!staff) {
        throw new CircaError('UNAUTHENTICATED', 401, 'Sign in to continue.');
      }
      return staff;
    },
  });

  const routeAccess: RouteAccess[] = [];
  app.decorate('routeAccess', routeAccess);

  // A route that does not say who may call it would be open by accident: refuse to start.
  app.addHook('onRoute', (route) => {
    const config = route.config as { public?: unknown; policy?: unknown } | undefined;
    const isPublic = config?.public === true;
    const hasPolicy = config?.policy !== undefined;
    const where = `${String(route.method)} ${route.url}`;
    if (isPublic && hasPolicy) {
      throw new UndeclaredRouteAccessError(
        `Route ${where} declares both config.public and config.policy; keep exactly one.`,
      );
    }
    if (hasPolicy && !isAction(config?.policy)) {
      throw new UndeclaredRouteAccessError(
        `Route ${where} names policy '${String(config?.policy)}', which src/server/policies/policies.ts does not declare.`,
      );
    }
    if (!isPublic && !hasPolicy) {
      throw new UndeclaredRouteAccessError(
        `Route ${where} does not say who may call it: add config: { policy: '<action>' } (see src/server/policies/policies.ts) or config: { public: true }.`,
      );
    }
    const access = isPublic ? { public: true as const } : { policy: config?.policy as StaffAction };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeAccess.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // Unmatched URLs go to the not-found handler, which reveals nothing.
    if (request.is404) return;
    const config = request.routeOptions.config;
    const stateChanging = isStateChanging(request.method);

    if (stateChanging) {
      const reason = crossSiteReason(request);
      if (reason) {
        throw new CircaError(
          'CSRF_REJECTED',
          403,
          `This request was refused because ${reason}. Use Circa from its own address.`,
        );
      }
    }
    if (config.public === true) return;
    const policy = config.policy;
    if (!policy) {
      // Unreachable: onRoute refuses such routes. Kept so a future bypass fails closed.
      throw new CircaError('FORBIDDEN', 403, 'This address is not available.');
    }

    const token = sessionTokenOf(request);
    const live = token ? await findLiveStaffSession(db, token, now(), lifetime) : null;
    if (!live) {
      // A cookie for a session that has ended is dropped, so the browser stops sending it.
      if (token) clearSessionCookie(request, reply);
      throw new CircaError(
        'UNAUTHENTICATED',
        401,
        token ? 'Your session has ended. Sign in again to continue.' : 'Sign in to continue.',
      );
    }

    const { session, user, workstation } = live;
    if (stateChanging) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !secretsEqual(sent, session.csrf_token)) {
        throw new CircaError(
          'CSRF_REJECTED',
          403,
          'This change was refused because it did not carry this session’s security token. Reload the page and try again.',
        );
      }
    }

    if (!user) {
      throw new CircaError('UNAUTHENTICATED', 401, 'Your account no longer exists. Sign in again.');
    }
    // Disabling deletes the account's sessions in the same transaction; this catches any session
    // that outlived it (e.g. one created by a sign-in racing the change).
    if (user.disabled_at !== null) {
      await deleteSessionsOf(db, user.id);
      clearSessionCookie(request, reply);
      throw new CircaError(
        'UNAUTHENTICATED',
        401,
        'Your account has been disabled, so your session has ended. Ask an administrator if you still need it.',
      );
    }
    if (!can(user.role, policy)) {
      throw new CircaError(
        'FORBIDDEN',
        403,
        `Your role (${user.role}) may not do this. Ask a ${rolesAllowed(policy).join(' or ')} to do it.`,
        { action: policy, role: user.role },
      );
    }
    staffByRequest.set(request, { user, workstation, session });
  });
}

/** Records the staff member for the rest of a request that just signed in. */
export function attachStaff(request: FastifyRequest, staff: StaffContext): void {
  staffByRequest.set(request, staff);
}

/** The request's workstation, or WORKSTATION_REQUIRED when the browser has not named one yet. */
export function requireWorkstation(request: FastifyRequest): Workstation {
  const { workstation } = request.staff;
  if (!workstation) {
    throw new CircaError(
      'WORKSTATION_REQUIRED',
      409,
      'This browser has not said which workstation it is. Enter the workstation name, then try again.',
    );
  }
  return workstation;
}

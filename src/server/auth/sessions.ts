// Staff sessions in the database (so any app server sharing it can serve any request), with a
// sliding idle expiry capped by an absolute lifetime.
import type { Kysely } from 'kysely';
import type { Database, Session, StaffUser, Workstation } from '../db/schema.ts';
import { hashSessionToken, newToken } from './tokens.ts';

export interface SessionLifetime {
  /** Each use pushes the end of the session this far ahead. */
  sessionIdleTimeoutMs: number;
  /** Counted from sign-in; no use extends a session past it. */
  sessionMaxLifetimeMs: number;
}

/** A session's expiry is written back at most once a minute, even at long idle timeouts. */
export const LONGEST_SESSION_TOUCH_INTERVAL_MS = 60_000;

/**
 * How often a session's expiry is written back: a quarter of the idle timeout, at most a minute,
 * so a busy desk does not turn every read into a database write, yet a session used more often
 * than its idle timeout never expires, whatever the timeout.
 */
export function sessionTouchIntervalMs(lifetime: SessionLifetime): number {
  return Math.min(LONGEST_SESSION_TOUCH_INTERVAL_MS, Math.floor(lifetime.sessionIdleTimeoutMs / 4));
}

export interface NewSession {
  /** The secret for the cookie; only its hash is stored. */
  token: string;
  session: Session;
}

export async function createSession(
  db: Kysely<Database>,
  props: {
    staffUserId: number;
    workstationId: number | null;
    now: number;
    lifetime: SessionLifetime;
  },
): Promise<NewSession> {
  const token = newToken();
  const { now, lifetime } = props;
  const session: Session = {
    token_hash: hashSessionToken(token),
    staff_user_id: props.staffUserId,
    workstation_id: props.workstationId,
    csrf_token: newToken(),
    created_at: now,
    last_seen_at: now,
    expires_at: expiryAfterUse(now, now, lifetime),
  };
  await db.insertInto('sessions').values(session).execute();
  return { token, session };
}

function expiryAfterUse(createdAt: number, now: number, lifetime: SessionLifetime): number {
  return Math.min(now + lifetime.sessionIdleTimeoutMs, createdAt + lifetime.sessionMaxLifetimeMs);
}

/** A live session with the staff member and workstation it belongs to, read together. */
export interface LiveSession {
  session: Session;
  /** Null when the account no longer exists (the guard then ends the request). */
  user: StaffUser | null;
  /** Null until the browser has named its workstation. */
  workstation: Workstation | null;
}

/**
 * The live session for a cookie token, its expiry slid forward; null when unknown or expired.
 * An expired row is deleted on sight.
 */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
  now: number,
  lifetime: SessionLifetime,
): Promise<Session | null> {
  return (await findLiveStaffSession(db, token, now, lifetime))?.session ?? null;
}

/**
 * As findLiveSession, with the session's staff member and workstation: one statement (a join)
 * instead of three, since every signed-in request needs all of them. The expiry is written back
 * only when the last write is older than sessionTouchIntervalMs.
 */
export async function findLiveStaffSession(
  db: Kysely<Database>,
  token: string,
  now: number,
  lifetime: SessionLifetime,
): Promise<LiveSession | null> {
  const tokenHash = hashSessionToken(token);
  const row = await db
    .selectFrom('sessions')
    .leftJoin('staff_users', 'staff_users.id', 'sessions.staff_user_id')
    .leftJoin('workstations', 'workstations.id', 'sessions.workstation_id')
    .select([
      'sessions.token_hash',
      'sessions.staff_user_id',
      'sessions.workstation_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'staff_users.id as user_id',
      'staff_users.username as user_username',
      'staff_users.display_name as user_display_name',
      'staff_users.password_hash as user_password_hash',
      'staff_users.role as user_role',
      'staff_users.branch_id as user_branch_id',
      'staff_users.disabled_at as user_disabled_at',
      'workstations.id as workstation_row_id',
      'workstations.name as workstation_name',
      'workstations.branch_id as workstation_branch_id',
      'workstations.created_at as workstation_created_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const session: Session = {
    token_hash: row.token_hash,
    staff_user_id: row.staff_user_id,
    workstation_id: row.workstation_id,
    csrf_token: row.csrf_token,
    created_at: row.created_at,
    last_seen_at: row.last_seen_at,
    expires_at: row.expires_at,
  };
  if (session.expires_at <= now) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  const user: StaffUser | null =
    row.user_id === null ||
    row.user_username === null ||
    row.user_display_name === null ||
    row.user_password_hash === null ||
    row.user_role === null ||
    row.user_branch_id === null
      ? null
      : {
          id: row.user_id,
          username: row.user_username,
          display_name: row.user_display_name,
          password_hash: row.user_password_hash,
          role: row.user_role,
          branch_id: row.user_branch_id,
          disabled_at: row.user_disabled_at,
        };
  const workstation: Workstation | null =
    row.workstation_row_id === null ||
    row.workstation_name === null ||
    row.workstation_branch_id === null ||
    row.workstation_created_at === null
      ? null
      : {
          id: row.workstation_row_id,
          name: row.workstation_name,
          branch_id: row.workstation_branch_id,
          created_at: row.workstation_created_at,
        };
  if (now - session.last_seen_at < sessionTouchIntervalMs(lifetime)) {
    return { session, user, workstation };
  }
  const touched = {
    last_seen_at: now,
    expires_at: expiryAfterUse(session.created_at, now, lifetime),
  };
  await db.updateTable('sessions').set(touched).where('token_hash', '=', tokenHash).execute();
  return { session: { ...session, ...touched }, user, workstation };
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a staff member, wherever they are signed in; returns how many. */
export async function deleteSessionsOf(db: Kysely<Database>, staffUserId: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setSessionWorkstation(
  db: Kysely<Database>,
  tokenHash: string,
  workstationId: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ workstation_id: workstationId })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Removes sessions past their expiry; returns how many. Run periodically by the server. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

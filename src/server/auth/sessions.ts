// Staff sessions in the database (so any app server sharing it can serve any request), with a
// sliding idle expiry capped by an absolute lifetime.
import type { Kysely } from 'kysely';
import type { Database, Session } from '../db/schema.ts';
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
  const tokenHash = hashSessionToken(token);
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!session) return null;
  if (session.expires_at <= now) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (now - session.last_seen_at < sessionTouchIntervalMs(lifetime)) return session;
  const touched = {
    last_seen_at: now,
    expires_at: expiryAfterUse(session.created_at, now, lifetime),
  };
  await db.updateTable('sessions').set(touched).where('token_hash', '=', tokenHash).execute();
  return { ...session, ...touched };
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

// Checks a username and password. Each attempt is first counted against the throttle for its
// (username, address) pair (auth/signInThrottle.ts), so guesses stay slow however they are sent.
import { sql, type Kysely } from 'kysely';
import type { Database, StaffUser } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { recordSignedIn, reserveSignInAttempt } from './signInThrottle.ts';

export const SIGN_IN_FAILED_MESSAGE =
  'That username and password do not match. Check both (is Caps Lock on?) and try again.';

export const ACCOUNT_DISABLED_MESSAGE =
  'This account has been disabled, so it cannot sign in. Ask an administrator to enable it again if you still need it.';

/**
 * Verifies against a hash of the same cost when the username is unknown, so the response time does
 * not tell an attacker which usernames exist.
 */
export function decoyPasswordHash(cost: number): () => Promise<string> {
  let decoy: Promise<string> | undefined;
  return () => (decoy ??= hashPassword(`decoy-${Math.random()}`, cost));
}

export async function verifyStaffSignIn(props: {
  db: Kysely<Database>;
  username: string;
  password: string;
  /** The client's address as the server sees it (request.ip, through the trusted proxies only). */
  clientAddress: string;
  /** Epoch ms. */
  now: number;
  decoyHash: () => Promise<string>;
  /** The password check; tests count its calls. */
  checkPassword?: (password: string, hash: string) => Promise<boolean>;
}): Promise<StaffUser> {
  const { db, password, clientAddress, now } = props;
  const checkPassword = props.checkPassword ?? verifyPassword;
  const username = props.username.trim().toLowerCase();

  // Counted before anything about the username is read, so a real and an unknown username are
  // throttled alike and a refused attempt never reaches the password check.
  const reservation = await reserveSignInAttempt(db, { username, clientAddress, now });
  if (!reservation.allowed) throw throttledError(reservation.nextAttemptAt, now);

  const user = await db
    .selectFrom('staff_users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username)
    .executeTakeFirst();
  // An unknown username pays for one verification like a wrong password does.
  const matches = await checkPassword(password, user?.password_hash ?? (await props.decoyHash()));
  if (!user || !matches) throw new CircaError('SIGN_IN_FAILED', 401, SIGN_IN_FAILED_MESSAGE);
  // Said only after the password matched, so a guesser learns nothing about disabled accounts.
  if (user.disabled_at !== null) {
    throw new CircaError('ACCOUNT_DISABLED', 403, ACCOUNT_DISABLED_MESSAGE);
  }

  await recordSignedIn(db, {
    username,
    clientAddress,
    now,
    countedByCeiling: reservation.countedByCeiling,
  });
  return user;
}

function throttledError(nextAttemptAt: number, now: number): CircaError {
  const retryAfterSeconds = Math.max(1, Math.ceil((nextAttemptAt - now) / 1000));
  const wait =
    retryAfterSeconds < 120
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return new CircaError(
    'SIGN_IN_THROTTLED',
    429,
    `Too many failed sign-ins for this username. Wait ${wait}, then try again, ` +
      `or ask a colleague to sign in meanwhile.`,
    { nextAttemptAt, retryAfterSeconds },
  );
}

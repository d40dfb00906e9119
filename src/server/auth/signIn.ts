// Checks a username and password, counting failures per staff user and locking the username for a
// while after too many, so a guessed password needs far more tries than anyone can make.
import { sql, type Kysely } from 'kysely';
import type { Database, StaffUser } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** Failed sign-ins in a row that lock a username. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a username stays locked after MAX_FAILED_SIGN_INS failures. */
export const SIGN_IN_LOCKOUT_MS = 15 * 60 * 1000;

export const SIGN_IN_FAILED_MESSAGE =
  'That username and password do not match. Check both (is Caps Lock on?) and try again.';

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
  /** Epoch ms. */
  now: number;
  decoyHash: () => Promise<string>;
}): Promise<StaffUser> {
  const { db, password, now } = props;
  const username = props.username.trim().toLowerCase();
  const user = await db
    .selectFrom('staff_users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username)
    .executeTakeFirst();

  if (!user) {
    await verifyPassword(password, await props.decoyHash());
    throw new CircaError('SIGN_IN_FAILED', 401, SIGN_IN_FAILED_MESSAGE);
  }
  if (user.locked_until !== null && user.locked_until > now)
    throw lockedError(user.locked_until, now);

  if (!(await verifyPassword(password, user.password_hash))) {
    // Counted in the database with one statement, so parallel guesses cannot slip past the limit.
    const counted = await db
      .updateTable('staff_users')
      .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
      .where('id', '=', user.id)
      .returning('failed_sign_ins')
      .executeTakeFirstOrThrow();
    if (counted.failed_sign_ins >= MAX_FAILED_SIGN_INS) {
      const lockedUntil = now + SIGN_IN_LOCKOUT_MS;
      await db
        .updateTable('staff_users')
        .set({ failed_sign_ins: 0, locked_until: lockedUntil })
        .where('id', '=', user.id)
        .execute();
      throw lockedError(lockedUntil, now);
    }
    throw new CircaError('SIGN_IN_FAILED', 401, SIGN_IN_FAILED_MESSAGE);
  }

  if (user.failed_sign_ins !== 0 || user.locked_until !== null) {
    await db
      .updateTable('staff_users')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
  }
  return { ...user, failed_sign_ins: 0, locked_until: null };
}

function lockedError(lockedUntil: number, now: number): CircaError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  return new CircaError(
    'SIGN_IN_LOCKED',
    429,
    `Too many failed sign-ins for this username, so it is locked. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}` +
      `, or ask a colleague to sign in meanwhile.`,
    { lockedUntil, retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000) },
  );
}

// Sign-in throttling that grows per (username, client address) pair, with a gentler ceiling per
// username across every address: guessing stays slow, and a stranger cannot lock the real user out.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/** How the wait between attempts grows with the failures counted. */
export interface ThrottleSchedule {
  /** Attempts allowed back to back before any wait. */
  freeAttempts: number;
  /** The wait after the last free attempt; it doubles with each attempt after that. */
  firstWaitMs: number;
  /** The wait never grows past this: throttled, never locked. */
  longestWaitMs: number;
}

/** One staff member at one computer: five tries, then 30 s, 1 min, 2 min … at most 15 min. */
export const PAIR_SCHEDULE: ThrottleSchedule = {
  freeAttempts: 5,
  firstWaitMs: 30_000,
  longestWaitMs: 15 * 60_000,
};

/**
 * One username from every address that has not signed in as it lately: twenty tries, then
 * 5 s doubling to one attempt every 5 minutes, which slows guessing spread over many addresses.
 */
export const USERNAME_SCHEDULE: ThrottleSchedule = {
  freeAttempts: 20,
  firstWaitMs: 5_000,
  longestWaitMs: 5 * 60_000,
};

/** Failures older than this are forgotten. */
export const THROTTLE_MEMORY_MS = 24 * 60 * 60_000;
/** An address the user signed in from this recently is theirs: the username ceiling skips it. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

/** The client_address of the row counting every address. */
const EVERY_ADDRESS = '';

/** The wait before the next attempt once `failures` attempts have been counted. */
export function waitAfter(failures: number, schedule: ThrottleSchedule): number {
  if (failures < schedule.freeAttempts) return 0;
  const doublings = failures - schedule.freeAttempts;
  // Capped before the power so a long run of failures cannot overflow.
  if (doublings > 40) return schedule.longestWaitMs;
  return Math.min(schedule.longestWaitMs, schedule.firstWaitMs * 2 ** doublings);
}

/** The same schedule in SQL, so the wait is set by the statement that counts the attempt. */
function waitAfterSql(
  failures: RawBuilder<number>,
  schedule: ThrottleSchedule,
): RawBuilder<number> {
  const steps: RawBuilder<unknown>[] = [];
  for (let n = schedule.freeAttempts; waitAfter(n, schedule) < schedule.longestWaitMs; n += 1) {
    steps.push(sql`when ${sql.lit(n)} then ${sql.lit(waitAfter(n, schedule))}`);
  }
  const free = sql`when ${failures} < ${sql.lit(schedule.freeAttempts)} then 0`;
  const stepped = steps.length
    ? sql`else case ${failures} ${sql.join(steps, sql` `)} else ${sql.lit(schedule.longestWaitMs)} end`
    : sql`else ${sql.lit(schedule.longestWaitMs)}`;
  return sql<number>`case ${free} ${stepped} end`;
}

export type Reservation =
  | {
      allowed: true;
      signedInAt: number | null;
      /** Whether the username's ceiling counted this attempt too. */
      countedByCeiling: boolean;
    }
  | { allowed: false; nextAttemptAt: number };

/**
 * Counts one attempt for the row before the password is checked, in one statement that only
 * succeeds while the row's wait has passed: of many parallel guesses, only as many as the schedule
 * allows get through, and the others are refused without their password being checked.
 */
async function reserve(
  db: Kysely<Database>,
  key: { username: string; clientAddress: string },
  schedule: ThrottleSchedule,
  now: number,
): Promise<Reservation> {
  const { username, clientAddress } = key;
  await db
    .insertInto('sign_in_throttles')
    .values({
      username,
      client_address: clientAddress,
      failures: 0,
      next_attempt_at: 0,
      last_attempt_at: 0,
      signed_in_at: null,
    })
    .onConflict((oc) => oc.columns(['username', 'client_address']).doNothing())
    .execute();
  const forgetBefore = now - THROTTLE_MEMORY_MS;
  const counted = sql<number>`(case when last_attempt_at <= ${forgetBefore} then 1 else failures + 1 end)`;
  const reserved = await db
    .updateTable('sign_in_throttles')
    .set({
      failures: counted,
      next_attempt_at: sql<number>`cast(${now} as bigint) + ${waitAfterSql(counted, schedule)}`,
      last_attempt_at: now,
    })
    .where('username', '=', username)
    .where('client_address', '=', clientAddress)
    .where('next_attempt_at', '<=', now)
    .returning('signed_in_at')
    .executeTakeFirst();
  if (reserved)
    return { allowed: true, signedInAt: reserved.signed_in_at, countedByCeiling: false };
  const row = await db
    .selectFrom('sign_in_throttles')
    .select('next_attempt_at')
    .where('username', '=', username)
    .where('client_address', '=', clientAddress)
    .executeTakeFirstOrThrow();
  return { allowed: false, nextAttemptAt: Math.max(row.next_attempt_at, now + 1000) };
}

/**
 * Reserves a sign-in attempt for the pair, then, unless the user signed in from this address
 * lately, under the username's ceiling. Runs the same statements whether or not the username
 * exists, so the answers do not tell which usernames are real.
 */
export async function reserveSignInAttempt(
  db: Kysely<Database>,
  props: { username: string; clientAddress: string; now: number },
): Promise<Reservation> {
  const { username, clientAddress, now } = props;
  const pair = await reserve(db, { username, clientAddress }, PAIR_SCHEDULE, now);
  if (!pair.allowed) return pair;
  const known = pair.signedInAt !== null && now - pair.signedInAt < KNOWN_ADDRESS_MS;
  if (known) return pair;
  const ceiling = await reserve(
    db,
    { username, clientAddress: EVERY_ADDRESS },
    USERNAME_SCHEDULE,
    now,
  );
  return ceiling.allowed ? { ...pair, countedByCeiling: true } : ceiling;
}

/**
 * After the right password: the pair starts afresh and its address counts as the user's own. The
 * username's ceiling only takes back this one attempt, so a real sign-in neither hands a
 * distributed guesser a fresh allowance nor slowly uses the ceiling up.
 */
export async function recordSignedIn(
  db: Kysely<Database>,
  props: { username: string; clientAddress: string; now: number; countedByCeiling: boolean },
): Promise<void> {
  await db
    .updateTable('sign_in_throttles')
    .set({ failures: 0, next_attempt_at: 0, signed_in_at: props.now })
    .where('username', '=', props.username)
    .where('client_address', '=', props.clientAddress)
    .execute();
  if (!props.countedByCeiling) return;
  await db
    .updateTable('sign_in_throttles')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('username', '=', props.username)
    .where('client_address', '=', EVERY_ADDRESS)
    .where('failures', '>', 0)
    .execute();
}

/** Deletes rows with no attempt for longer than an address stays known; returns how many. */
export async function forgetOldSignInAttempts(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .deleteFrom('sign_in_throttles')
    .where('last_attempt_at', '<', now - KNOWN_ADDRESS_MS)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Sign-in throttling per (username, client address) pair and per username across addresses
// (auth/signInThrottle.ts), replacing the per-user lock that anyone could set off.
import type { Kysely, Migration } from 'kysely';

export const signInThrottles: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_throttles')
      // As typed at sign-in, trimmed and lower-cased: unknown usernames are throttled like real ones.
      .addColumn('username', 'text', (c) => c.notNull())
      // '' is the row that counts every address together (the per-username ceiling).
      .addColumn('client_address', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_attempt_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('signed_in_at', 'bigint')
      .addPrimaryKeyConstraint('sign_in_throttles_pk', ['username', 'client_address'])
      .execute();
    await db.schema
      .createIndex('sign_in_throttles_last_attempt')
      .on('sign_in_throttles')
      .column('last_attempt_at')
      .execute();
    // The old lock lived on the staff user; nothing reads it any more.
    await db.schema.alterTable('staff_users').dropColumn('failed_sign_ins').execute();
    await db.schema.alterTable('staff_users').dropColumn('locked_until').execute();
  },
};

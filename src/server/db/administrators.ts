// Whether the library has someone who can set it up: an administrator account that may sign in.
// A library started empty (CIRCA_DEMO=false) has none until `circa create-admin` makes the first.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** True when at least one staff user with the admin role is not disabled. */
export async function hasAdministrator(
  db: Kysely<Database> | Transaction<Database>,
): Promise<boolean> {
  const row = await db
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** What to run on the server when there is no administrator yet (main.ts and the sign-in page). */
export const CREATE_ADMIN_COMMAND = 'npx circa create-admin';

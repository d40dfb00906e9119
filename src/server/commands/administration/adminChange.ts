// What every administration command shares: who acts and when, one transaction per change (the
// change and its audit entry commit together or not at all), and the plain refusals.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditActor } from '../../db/auditLog.ts';
import { isUniqueViolation } from '../../db/databaseErrors.ts';
import type { Database } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';

export interface AdminChangeProps {
  db: Kysely<Database>;
  /** Who makes the change, for the audit log. */
  actor: AuditActor;
  /** Epoch ms. */
  at: number;
}

export type Trx = Transaction<Database>;

/**
 * Runs a change and its audit entry in one transaction. The commands check for a code or name in
 * use first, to say which; should two administrators save the same one at the same moment, the
 * unique index refuses the second, and it gets the same kind of answer.
 */
export async function inChange<T>(
  db: Kysely<Database>,
  change: (trx: Trx) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(change);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw alreadyExists(
        'Someone saved the same code or name a moment ago, so this was not saved: reload the list to see it, then choose another.',
      );
    }
    throw error;
  }
}

export function notFound(what: string, id: number): CircaError {
  return new CircaError(
    'NOT_FOUND',
    404,
    `No ${what} has the id ${id}. Reload the list: it may have been removed.`,
    { id },
  );
}

export function alreadyExists(message: string, details?: Record<string, unknown>): CircaError {
  return new CircaError('ALREADY_EXISTS', 409, message, details);
}

/** Compares codes and usernames without letter case, as the desk and sign-in do. */
export function lowerOf(column: string) {
  return sql<string>`lower(${sql.ref(column)})`;
}

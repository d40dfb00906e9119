// What every administration command shares: who acts and when, one transaction per change (the
// change and its audit entry commit together or not at all), and the plain refusals.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { recordAudit, type AuditActor, type AuditEntry } from '../../db/auditLog.ts';
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

/** The tables whose records the administration pages change by id. */
type AdminTable = 'branches' | 'patron_types' | 'material_types' | 'workstations';

/** The record a change is for, or the refusal that it is gone. */
export async function existingRecord<T extends AdminTable>(
  trx: Trx,
  table: T,
  id: number,
  what: string,
): Promise<Selectable<Database[T]>> {
  const row = await trx
    .selectFrom(table as AdminTable)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(what, id);
  return row as Selectable<Database[T]>;
}

/** Refuses a new record whose code another of its kind has already, whatever the letter case. */
export async function refuseTakenCode(
  trx: Trx,
  table: 'branches' | 'patron_types' | 'material_types',
  code: string,
  what: string,
): Promise<void> {
  const taken = await trx
    .selectFrom(table)
    .select('code')
    .where(lowerOf('code'), '=', code.toLowerCase())
    .executeTakeFirst();
  if (taken) {
    throw alreadyExists(
      `A ${what} with the code ${taken.code} exists already: choose another code, or edit that ${what}.`,
      { field: 'code' },
    );
  }
}

/**
 * Writes the change's audit entry in its transaction, by the props' actor at their time, and
 * returns the record as it is now (`after`) for the command to answer with.
 */
export async function audited<T>(
  trx: Trx,
  props: Pick<AdminChangeProps, 'actor' | 'at'>,
  entry: Omit<AuditEntry, 'actor' | 'at' | 'after'> & { after: T },
): Promise<T> {
  await recordAudit(trx, { actor: props.actor, at: props.at, ...entry });
  return entry.after;
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

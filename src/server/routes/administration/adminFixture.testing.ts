// Helpers for the administration API tests: the audit entries a change wrote (or did not write).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface StoredAuditEntry {
  action: string;
  actor: string;
  staffUserId: number | null;
  subjectType: string;
  subjectId: string | null;
  before: unknown;
  after: unknown;
}

/** The audit entries about one subject, oldest first, their JSON parsed. */
export async function auditEntriesOf(
  db: Kysely<Database>,
  subjectType: string,
  subjectId: string | number | null,
): Promise<StoredAuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().where('subject_type', '=', subjectType);
  query =
    subjectId === null
      ? query.where('subject_id', 'is', null)
      : query.where('subject_id', '=', String(subjectId));
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({
    action: row.action,
    actor: row.actor,
    staffUserId: row.staff_user_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  }));
}

/** How many audit entries exist: a refused change must leave this unchanged. */
export async function auditCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

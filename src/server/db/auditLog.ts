// The audit log: every change to the library's set-up and records, written in the same transaction
// as the change itself, so a change is never made without its entry (nor an entry without it).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Who made a change: a signed-in staff member, or someone at the server's command line. */
export type AuditActor =
  { kind: 'staff'; staffUserId: number; username: string } | { kind: 'commandLine' };

export const COMMAND_LINE_ACTOR: AuditActor = { kind: 'commandLine' };

export interface AuditEntry {
  actor: AuditActor;
  /** What was done, e.g. 'branch.create', 'loanRule.update', 'staffUser.disable'. */
  action: string;
  /** What it was done to, e.g. 'branch', and that row's id (or code). */
  subjectType: string;
  subjectId: string | number | null;
  /** The row before and after the change: null before a creation and after a deletion. */
  before: unknown;
  after: unknown;
  /** Epoch ms. */
  at: number;
}

/** Writes one entry; call it with the transaction that makes the change. */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      staff_user_id: entry.actor.kind === 'staff' ? entry.actor.staffUserId : null,
      actor: entry.actor.kind === 'staff' ? entry.actor.username : 'command line',
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId === null ? null : String(entry.subjectId),
      before:
        entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

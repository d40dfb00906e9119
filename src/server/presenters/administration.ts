// Turns administration rows into the contract (shared/api/administration.ts). The audit log keeps
// these same shapes as each change's before and after, so it reads like the screens.
import type {
  AuditLogEntry,
  MaterialTypeRecord,
  PatronTypeRecord,
  StaffUserRecord,
  WorkstationRecord,
} from '../../shared/api/administration.ts';
import type { BranchSummary } from '../../shared/api/session.ts';
import type { Branch } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import type {
  AuditLogTable,
  MaterialTypeTable,
  PatronTypeTable,
  StaffUser,
  Workstation,
} from '../db/schema.ts';

export function presentBranchSummary(branch: Branch): BranchSummary {
  return { id: branch.id, code: branch.code, name: branch.name, timeZone: branch.time_zone };
}

export function presentStaffUser(user: StaffUser, branch: Branch): StaffUserRecord {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    branch: presentBranchSummary(branch),
    disabledAt: user.disabled_at === null ? null : Number(user.disabled_at),
  };
}

export function presentWorkstation(
  workstation: Workstation,
  branch: Branch,
  lastUsedAt: number | null,
  /** Its offline client's latest report (null if none) and the sequence numbers received. */
  offline: Pick<WorkstationRecord, 'offlineClient' | 'sequences'>,
): WorkstationRecord {
  return {
    id: workstation.id,
    name: workstation.name,
    branch: presentBranchSummary(branch),
    createdAt: Number(workstation.created_at),
    lastUsedAt,
    ...offline,
  };
}

export function presentPatronType(row: Selectable<PatronTypeTable>): PatronTypeRecord {
  return { id: row.id, code: row.code, name: row.name, cardMonths: row.card_months };
}

export function presentMaterialType(row: Selectable<MaterialTypeTable>): MaterialTypeRecord {
  return { id: row.id, code: row.code, name: row.name };
}

function parseStored(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // Written by recordAudit with JSON.stringify; shown as text should a hand edit have broken it.
    return json;
  }
}

export function presentAuditEntry(row: Selectable<AuditLogTable>): AuditLogEntry {
  return {
    id: row.id,
    at: Number(row.at),
    actor: row.actor,
    staffUserId: row.staff_user_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: parseStored(row.before),
    after: parseStored(row.after),
  };
}

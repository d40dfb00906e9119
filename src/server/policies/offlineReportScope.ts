// How much of the offline report a staff member may read, from the policy table: the desk reads its
// own workstation's report and its branch's sending results; supervisors read every workstation and
// branch, and who had each item before.
import type { StaffContext } from '../auth/guard.ts';
import { CircaError } from '../errors.ts';
import { can } from './policies.ts';

export interface OfflineReportScope {
  /** The one workstation whose transactions may be read; null for every workstation. */
  workstation: string | null;
  /** The one branch whose uploads may be listed; null for every branch. */
  branchId: number | null;
  /** Whether answers may say who had an item before (offline.report.readPreviousBorrowers). */
  previousBorrowers: boolean;
}

/** A workstation name no workstation has (names start with a letter or digit): matches nothing. */
const NO_WORKSTATION = '-';

export function offlineReportScope(staff: StaffContext): OfflineReportScope {
  const { role } = staff.user;
  const all = can(role, 'offline.report.readAll');
  return {
    workstation: all ? null : (staff.workstation?.name ?? NO_WORKSTATION),
    branchId: all ? null : (staff.workstation?.branch_id ?? staff.user.branch_id),
    previousBorrowers: can(role, 'offline.report.readPreviousBorrowers'),
  };
}

function anotherWorkstationRefused(scope: OfflineReportScope): CircaError {
  const own =
    scope.workstation === NO_WORKSTATION ? ' once it has a name' : ` (${scope.workstation})`;
  return new CircaError(
    'FORBIDDEN',
    403,
    `Only supervisors can read the offline report of another workstation. Ask a supervisor, or open the report of this workstation${own}.`,
  );
}

/** Refuses unless the scope reaches the transactions of `workstation` (null: a file's upload). */
export function requireWorkstationInScope(
  scope: OfflineReportScope,
  workstation: string | null,
): void {
  if (scope.workstation !== null && workstation !== scope.workstation) {
    throw anotherWorkstationRefused(scope);
  }
}

/**
 * The workstation a report may be read for: the one asked for, the scope's own when none was asked
 * for, and a refusal when the scope does not reach the one asked for.
 */
export function reportWorkstation(
  scope: OfflineReportScope,
  asked: string | undefined,
): string | undefined {
  if (scope.workstation === null) return asked;
  requireWorkstationInScope(scope, asked ?? scope.workstation);
  return scope.workstation;
}

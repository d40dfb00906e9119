// Who may do what: the single table from staff role to allowed actions. The action names are the
// API contract's (src/shared/api/actions.ts); routes name one in `config.policy`, the session
// answer lists the signed-in user's, and nothing else in the server compares roles.
import { StaffAction } from '../../shared/api/actions.ts';
import type { StaffRole } from '../db/schema.ts';

/** Everything staff at the circulation desk do, and what every signed-in role may do. */
const CIRCULATION_ACTIONS: readonly StaffAction[] = [
  'session.read',
  'session.end',
  'workstation.set',
  'openapi.read',
  'patron.read',
  'item.read',
  'loan.checkOut',
  'loan.checkIn',
  'loanRules.read',
  'closedDays.read',
  'offline.install',
  'offline.upload',
  'offline.report.read',
];

/**
 * Decisions that need a supervisor: lending past a conflict, resolving offline exceptions; and
 * reading what desk work does not need: other workstations' and branches' offline reports, and
 * who had an item before (borrowing history the patron look-up does not show).
 */
const SUPERVISOR_ACTIONS: readonly StaffAction[] = [
  'loan.override',
  'offline.uploadFile',
  'offline.exceptions.manage',
  'offline.report.readAll',
  'offline.report.readPreviousBorrowers',
];

/** Changes to the library's set-up, and ending another staff member's sessions (a lost laptop). */
const ADMIN_ACTIONS: readonly StaffAction[] = ['closedDays.manage', 'staffUsers.sessions.end'];

/** Every action, in the contract's order. */
export const ACTIONS: readonly StaffAction[] = StaffAction.options;

/** Each role's actions; supervisor includes circulation, admin includes supervisor. */
export const ROLE_ACTIONS: Readonly<Record<StaffRole, ReadonlySet<StaffAction>>> = {
  circulation: new Set(CIRCULATION_ACTIONS),
  supervisor: new Set([...CIRCULATION_ACTIONS, ...SUPERVISOR_ACTIONS]),
  admin: new Set([...CIRCULATION_ACTIONS, ...SUPERVISOR_ACTIONS, ...ADMIN_ACTIONS]),
};

export function isAction(value: unknown): value is StaffAction {
  return StaffAction.safeParse(value).success;
}

export function can(role: StaffRole, action: StaffAction): boolean {
  return ROLE_ACTIONS[role].has(action);
}

/** The role's actions in the contract's order: what the session answer lists. */
export function actionsOf(role: StaffRole): StaffAction[] {
  return ACTIONS.filter((action) => can(role, action));
}

/** The roles allowed an action, lowest first (for error messages and the authorization matrix). */
export function rolesAllowed(action: StaffAction): StaffRole[] {
  return (Object.keys(ROLE_ACTIONS) as StaffRole[]).filter((role) => can(role, action));
}

// Who may do what: the single table from staff role to allowed actions. Routes name an action in
// `config.policy`; nothing else in the server compares roles.
import type { StaffRole } from '../db/schema.ts';

/** Everything staff at the circulation desk do, and what every signed-in role may do. */
const CIRCULATION_ACTIONS = [
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
] as const;

/** Decisions that need a supervisor: lending past a conflict, and resolving offline exceptions. */
const SUPERVISOR_ACTIONS = [
  'loan.override',
  'offline.uploadFile',
  'offline.exceptions.manage',
] as const;

/** Changes to the library's set-up. */
const ADMIN_ACTIONS = ['closedDays.manage'] as const;

export const ACTIONS = [...CIRCULATION_ACTIONS, ...SUPERVISOR_ACTIONS, ...ADMIN_ACTIONS] as const;
export type Action = (typeof ACTIONS)[number];

/** Each role's actions; supervisor includes circulation, admin includes supervisor. */
export const ROLE_ACTIONS: Readonly<Record<StaffRole, ReadonlySet<Action>>> = {
  circulation: new Set<Action>(CIRCULATION_ACTIONS),
  supervisor: new Set<Action>([...CIRCULATION_ACTIONS, ...SUPERVISOR_ACTIONS]),
  admin: new Set<Action>([...CIRCULATION_ACTIONS, ...SUPERVISOR_ACTIONS, ...ADMIN_ACTIONS]),
};

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

export function can(role: StaffRole, action: Action): boolean {
  return ROLE_ACTIONS[role].has(action);
}

/** The roles allowed an action, lowest first (for error messages and the authorization matrix). */
export function rolesAllowed(action: Action): StaffRole[] {
  return (Object.keys(ROLE_ACTIONS) as StaffRole[]).filter((role) => can(role, action));
}

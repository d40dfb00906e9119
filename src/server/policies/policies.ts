// Who may do what: the single table from staff role to allowed actions. The action names are the
// API contract's (src/shared/api/actions.ts); routes name one in `config.policy`, the session
// answer lists the signed-in user's, and nothing else in the server compares roles.
import { StaffAction } from '../../shared/api/actions.ts';
import { StaffRole } from '../../shared/api/session.ts';

/**
 * The least role each action needs; every role may do what the roles before it in StaffRole's
 * order may. Keyed by every action of the contract, so a new action cannot go without a rule.
 */
const LEAST_ROLE: Readonly<Record<StaffAction, StaffRole>> = {
  // Everything staff at the circulation desk do, and what every signed-in role may do.
  'session.read': 'circulation',
  'session.end': 'circulation',
  'workstation.set': 'circulation',
  'openapi.read': 'circulation',
  'patron.read': 'circulation',
  'item.read': 'circulation',
  'loan.checkOut': 'circulation',
  'loan.checkIn': 'circulation',
  // The rest of the desk: renewing, holds (placing, cancelling, suspending, changing the pickup
  // branch), the hold shelf and transit lists. Overriding a renewal refusal needs 'loan.override'.
  'loan.renew': 'circulation',
  'hold.place': 'circulation',
  'hold.manage': 'circulation',
  'holdShelf.read': 'circulation',
  'holdShelf.clear': 'circulation',
  'transit.read': 'circulation',
  'loanRules.read': 'circulation',
  'closedDays.read': 'circulation',
  'offline.install': 'circulation',
  'offline.upload': 'circulation',
  'offline.report.read': 'circulation',
  // Decisions that need a supervisor: lending past a conflict, resolving offline exceptions; and
  // reading what desk work does not need: other workstations' and branches' offline reports, and
  // who had an item before (borrowing history the patron look-up does not show).
  'loan.override': 'supervisor',
  'offline.uploadFile': 'supervisor',
  'offline.exceptions.manage': 'supervisor',
  'offline.report.readAll': 'supervisor',
  'offline.report.readPreviousBorrowers': 'supervisor',
  // Changes to the library's set-up, and ending another staff member's sessions (a lost laptop).
  'closedDays.manage': 'admin',
  'staffUsers.sessions.end': 'admin',
  // The desk registers and looks after patrons and items; lifting a block, and withdrawing an item
  // for good, are a supervisor's decisions.
  'patron.register': 'circulation',
  'patron.edit': 'circulation',
  'patron.block': 'circulation',
  'patron.unblock': 'supervisor',
  'patron.renewCard': 'circulation',
  'item.add': 'circulation',
  'item.edit': 'circulation',
  'item.markStatus': 'circulation',
  'item.withdraw': 'supervisor',
  // Supervisors read the set-up and its audit log; only administrators change it or import.
  'admin.read': 'supervisor',
  'auditLog.read': 'supervisor',
  'branches.manage': 'admin',
  'staffUsers.manage': 'admin',
  'workstations.manage': 'admin',
  'patronTypes.manage': 'admin',
  'materialTypes.manage': 'admin',
  'loanRules.manage': 'admin',
  'barcodeRules.manage': 'admin',
  'librarySettings.manage': 'admin',
  'import.run': 'admin',
};

/** Every action, in the contract's order. */
export const ACTIONS: readonly StaffAction[] = StaffAction.options;

const rank = (role: StaffRole): number => StaffRole.options.indexOf(role);

/** Each role's actions; supervisor includes circulation, admin includes supervisor. */
export const ROLE_ACTIONS: Readonly<Record<StaffRole, ReadonlySet<StaffAction>>> = {
  circulation: actionsUpTo('circulation'),
  supervisor: actionsUpTo('supervisor'),
  admin: actionsUpTo('admin'),
};

function actionsUpTo(role: StaffRole): ReadonlySet<StaffAction> {
  return new Set(ACTIONS.filter((action) => rank(LEAST_ROLE[action]) <= rank(role)));
}

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

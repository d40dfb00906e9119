// The screens in the main navigation, in desk order, each with the action it needs: the bar offers
// only what the session grants, and the server refuses everyone else anyway.
import type { StaffAction } from '../../shared/api/actions.ts';
import type { SessionInfo } from '../../shared/api/session.ts';
import { may } from '../session/may.ts';

export interface NavigationEntry {
  href: string;
  label: string;
  action: StaffAction;
}

export const NAVIGATION: readonly NavigationEntry[] = [
  { href: '/checkout', label: 'Check Out', action: 'loan.checkOut' },
  { href: '/checkin', label: 'Check In', action: 'loan.checkIn' },
  { href: '/patrons', label: 'Patrons', action: 'patron.read' },
  { href: '/items', label: 'Items', action: 'item.read' },
  { href: '/loan-rules', label: 'Loan rules', action: 'loanRules.read' },
  { href: '/closed-days', label: 'Closed days', action: 'closedDays.read' },
  { href: '/offline-uploads', label: 'Offline uploads', action: 'offline.report.read' },
  { href: '/offline-exceptions', label: 'Offline exceptions', action: 'offline.exceptions.manage' },
  { href: '/admin', label: 'Administration', action: 'admin.read' },
  { href: '/imports', label: 'Import', action: 'import.run' },
  // "Upload offline file" is offered on Offline uploads, which keeps this bar to one row.
];

export function navigationFor(session: Pick<SessionInfo, 'actions'>): NavigationEntry[] {
  return NAVIGATION.filter((entry) => may(session, entry.action));
}

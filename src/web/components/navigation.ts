// The screens in the main navigation, in desk order, each with the action it needs: the bar offers
// only what the session grants, and the server refuses everyone else anyway. The bar holds the
// desk's daily screens and must stay one row at 1280 px for every role (e2e/menu.e2e.ts), so the
// library's set-up screens live under Administration instead: its own navigation
// (src/web/admin/adminPages.ts) offers Import, and Offline uploads offers Upload offline file and
// Offline exceptions; Hold shelf and In transit are tabs of Check In (where items come back and
// are routed to them), so the bar keeps one entry for the three.
import type { StaffAction } from '../../shared/api/actions.ts';
import type { SessionInfo } from '../../shared/api/session.ts';
import { may } from '../session/may.ts';

export interface NavigationEntry {
  href: string;
  label: string;
  action: StaffAction;
  /**
   * Not offered to a session that may also do this: it finds the same screen under Administration
   * (supervisors read the loan rules there; administrators change them there).
   */
  underAdministrationWith?: StaffAction;
  /** Not offered to a session that may also do this: the screen is a tab of that entry's screen. */
  tabOfEntryWith?: StaffAction;
  /** Addresses of this entry's tabs: the entry stays marked while one of them is open. */
  tabs?: readonly string[];
}

export const NAVIGATION: readonly NavigationEntry[] = [
  { href: '/checkout', label: 'Check Out', action: 'loan.checkOut' },
  {
    href: '/checkin',
    label: 'Check In',
    action: 'loan.checkIn',
    tabs: ['/hold-shelf', '/in-transit'],
  },
  {
    href: '/hold-shelf',
    label: 'Hold shelf',
    action: 'holdShelf.read',
    tabOfEntryWith: 'loan.checkIn',
  },
  {
    href: '/in-transit',
    label: 'In transit',
    action: 'transit.read',
    tabOfEntryWith: 'loan.checkIn',
  },
  { href: '/patrons', label: 'Patrons', action: 'patron.read' },
  { href: '/items', label: 'Items', action: 'item.read' },
  {
    href: '/loan-rules',
    label: 'Loan rules',
    action: 'loanRules.read',
    underAdministrationWith: 'admin.read',
  },
  { href: '/closed-days', label: 'Closed days', action: 'closedDays.read' },
  { href: '/offline-uploads', label: 'Offline uploads', action: 'offline.report.read' },
  { href: '/admin', label: 'Administration', action: 'admin.read' },
];

export function navigationFor(session: Pick<SessionInfo, 'actions'>): NavigationEntry[] {
  return NAVIGATION.filter(
    (entry) =>
      may(session, entry.action) &&
      !(entry.underAdministrationWith && may(session, entry.underAdministrationWith)) &&
      !(entry.tabOfEntryWith && may(session, entry.tabOfEntryWith)),
  );
}

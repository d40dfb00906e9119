// The administration pages, in the order a new library sets itself up: its name, where it is, who works
// there and at which desks, what it lends to whom, the barcodes, bringing in its patrons and
// items, then the log of every change.
import type { StaffAction } from '../../shared/api/actions.ts';

export interface AdminPageEntry {
  /** Under /admin: the pages are a nested route, so their links are relative to it. */
  href: string;
  label: string;
  /** What the page needs beyond admin.read, which every page under /admin needs. */
  action?: StaffAction;
}

export const ADMIN_PAGES: readonly AdminPageEntry[] = [
  { href: '/library', label: 'Library' },
  { href: '/branches', label: 'Branches' },
  { href: '/staff-users', label: 'Staff users' },
  { href: '/workstations', label: 'Workstations' },
  { href: '/patron-types', label: 'Patron types' },
  { href: '/material-types', label: 'Material types' },
  { href: '/loan-rules', label: 'Loan rules' },
  { href: '/barcode-rules', label: 'Barcode rules' },
  { href: '/import', label: 'Import', action: 'import.run' },
  { href: '/audit-log', label: 'Audit log' },
];

// The administration pages, in the order a new library sets itself up: where it is, who works
// there and at which desks, what it lends to whom, the barcodes, then the log of every change.
export interface AdminPageEntry {
  /** Under /admin: the pages are a nested route, so their links are relative to it. */
  href: string;
  label: string;
}

export const ADMIN_PAGES: readonly AdminPageEntry[] = [
  { href: '/branches', label: 'Branches' },
  { href: '/staff-users', label: 'Staff users' },
  { href: '/workstations', label: 'Workstations' },
  { href: '/patron-types', label: 'Patron types' },
  { href: '/material-types', label: 'Material types' },
  { href: '/loan-rules', label: 'Loan rules' },
  { href: '/barcode-rules', label: 'Barcode rules' },
  { href: '/audit-log', label: 'Audit log' },
];

import { describe, expect, it } from 'vitest';
import type { StaffAction } from '../../shared/api/actions.ts';
import { NAVIGATION, navigationFor } from './navigation.ts';

/** What the server grants circulation staff (src/server/policies/policies.ts). */
const DESK: StaffAction[] = [
  'session.read',
  'patron.read',
  'item.read',
  'loan.checkOut',
  'loan.checkIn',
  'loanRules.read',
  'closedDays.read',
  'offline.report.read',
  'holdShelf.read',
  'holdShelf.clear',
  'transit.read',
];
const labels = (actions: StaffAction[]) => navigationFor({ actions }).map((entry) => entry.label);

describe('navigationFor', () => {
  it('offers the desk its screens but not the offline exceptions', () => {
    expect(labels(DESK)).toEqual([
      'Check Out',
      'Check In',
      'Patrons',
      'Items',
      'Loan rules',
      'Closed days',
      'Offline uploads',
    ]);
  });

  it('leaves the offline exceptions and Import out of the bar: Offline uploads and Administration offer them', () => {
    const everything = NAVIGATION.map((entry) => entry.action);
    const all = [
      ...DESK,
      ...everything,
      'offline.exceptions.manage',
      'import.run',
    ] as StaffAction[];
    expect(labels(all)).not.toContain('Offline exceptions');
    expect(labels(all)).not.toContain('Import');
  });

  it('offers Administration to a session granted admin.read, with the loan rules found there', () => {
    expect(labels(DESK)).not.toContain('Administration');
    expect(labels([...DESK, 'admin.read'])).toEqual([
      'Check Out',
      'Check In',
      'Patrons',
      'Items',
      'Closed days',
      'Offline uploads',
      'Administration',
    ]);
  });

  it('offers nothing a session does not grant', () => {
    expect(labels([])).toEqual([]);
    expect(labels(['loanRules.read'])).toEqual(['Loan rules']);
    expect(labels(['admin.read'])).toEqual(['Administration']);
  });

  it('keeps Hold shelf and In transit as tabs of Check In, so the bar stays one row', () => {
    expect(labels(DESK)).not.toContain('Hold shelf');
    expect(labels(DESK)).not.toContain('In transit');
    const checkIn = NAVIGATION.find((entry) => entry.label === 'Check In');
    expect(checkIn?.tabs).toEqual(['/hold-shelf', '/in-transit']);
    // A session that reads them without checking in still finds them in the bar.
    expect(labels(['holdShelf.read', 'transit.read'])).toEqual(['Hold shelf', 'In transit']);
  });
});

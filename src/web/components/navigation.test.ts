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

  it('offers the offline exceptions only to a session granted offline.exceptions.manage', () => {
    expect(labels([...DESK, 'offline.exceptions.manage'])).toContain('Offline exceptions');
    expect(labels([...DESK, 'loan.override', 'offline.uploadFile'])).not.toContain(
      'Offline exceptions',
    );
  });

  it('offers Administration to a session granted admin.read (supervisors and administrators)', () => {
    expect(labels(DESK)).not.toContain('Administration');
    expect(labels([...DESK, 'admin.read'])).toContain('Administration');
  });

  it('offers nothing a session does not grant', () => {
    expect(labels([])).toEqual([]);
    expect(navigationFor({ actions: NAVIGATION.map((entry) => entry.action) })).toEqual(NAVIGATION);
  });

  it('offers Import only to a session granted import.run (administrators)', () => {
    expect(labels(DESK)).not.toContain('Import');
    expect(labels([...DESK, 'import.run'])).toContain('Import');
  });
});

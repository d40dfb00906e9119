import { describe, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES } from '../barcodes/barcodes.ts';
import { OfflineSnapshot } from './snapshot.ts';

const valid: OfflineSnapshot = {
  snapshotVersion: 1,
  takenAt: 1_790_000_000_000,
  appVersion: '0.1.0',
  libraryName: 'Riverside Public Library',
  branch: { code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago', closedWeekdays: [0] },
  closedDates: ['2026-12-25'],
  knownThrough: '2027-11-28',
  loanRules: [
    {
      patronType: { code: 'ADULT', name: 'Adult' },
      materialType: { code: 'BOOK', name: 'Book' },
      loanDays: 21,
      maxItems: 50,
      scope: 'library',
    },
  ],
  defaultLoanDays: 21,
  barcodeRules: DEMO_BARCODE_RULES,
  workstation: 'DESK-1',
  staff: { username: 'desk', displayName: 'Desk Staff' },
};

describe('OfflineSnapshot', () => {
  it('accepts a complete snapshot, with or without the blocked patron list', () => {
    expect(OfflineSnapshot.parse(valid)).toEqual(valid);
    const withBlocked = { ...valid, blockedPatronBarcodes: ['21234000000011'] };
    expect(OfflineSnapshot.parse(withBlocked)).toEqual(withBlocked);
  });

  it('refuses a snapshot of another version, an impossible closed day, or no loan period', () => {
    expect(OfflineSnapshot.safeParse({ ...valid, snapshotVersion: 2 }).success).toBe(false);
    expect(OfflineSnapshot.safeParse({ ...valid, closedDates: ['2026-02-30'] }).success).toBe(
      false,
    );
    const { defaultLoanDays: _omitted, ...noLoanPeriod } = valid;
    expect(OfflineSnapshot.safeParse(noLoanPeriod).success).toBe(false);
  });

  it('drops fields it does not know, so a patron name can never ride along', () => {
    const parsed = OfflineSnapshot.parse({ ...valid, patrons: [{ name: 'Ada Lovelace' }] });
    expect(parsed).not.toHaveProperty('patrons');
  });
});

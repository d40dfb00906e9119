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

const withEntries = (entries: unknown[]) => ({
  ...valid,
  blockList: { madeAt: 0, maxAgeHours: 24, entries },
});

describe('OfflineSnapshot', () => {
  it('accepts a complete snapshot, with or without the block list and patron types', () => {
    expect(OfflineSnapshot.parse(valid)).toEqual(valid);
    const withBlockList = {
      ...valid,
      patronTypes: [{ code: 'ADULT', name: 'Adult' }],
      blockList: {
        madeAt: Date.UTC(2026, 11, 2),
        maxAgeHours: 24,
        entries: [
          { barcode: '21234000000011', reason: 'blocked' },
          { barcode: '21234000000029', reason: 'expired', expiresOn: '2026-11-30' },
        ],
      },
    };
    expect(OfflineSnapshot.parse(withBlockList)).toEqual(withBlockList);
  });

  it('refuses a block list entry with a name, or an expired entry without its date', () => {
    const named = OfflineSnapshot.parse(
      withEntries([{ barcode: '21234000000011', reason: 'blocked', name: 'Ada Lovelace' }]),
    );
    expect(JSON.stringify(named)).not.toContain('Ada');
    expect(
      OfflineSnapshot.safeParse(withEntries([{ barcode: '21234000000029', reason: 'expired' }]))
        .success,
    ).toBe(false);
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

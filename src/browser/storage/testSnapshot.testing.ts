// A snapshot for unit tests: the demo barcode rules, a branch in Chicago closed on Sundays.
import { DEMO_BARCODE_RULES, withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';

export function buildSnapshot(overrides: Partial<OfflineSnapshot> = {}): OfflineSnapshot {
  return {
    snapshotVersion: 1,
    takenAt: Date.UTC(2026, 11, 1),
    appVersion: '0.1.0',
    libraryName: 'Riverside Public Library',
    branch: {
      code: 'MAIN',
      name: 'Main Library',
      timeZone: 'America/Chicago',
      closedWeekdays: [0],
    },
    closedDates: ['2026-12-25'],
    knownThrough: '2027-12-01',
    loanRules: [],
    defaultLoanDays: 21,
    barcodeRules: DEMO_BARCODE_RULES,
    workstation: 'DESK-1',
    staff: { username: 'desk', displayName: 'Desk Staff' },
    ...overrides,
  };
}

/** A valid demo patron barcode (14 digits from 2, with its check digit). */
export const patronBarcode = (n: number) => withCheckDigit(`2${String(n).padStart(12, '0')}`);
/** A valid demo item barcode (14 digits from 3, with its check digit). */
export const itemBarcode = (n: number) => withCheckDigit(`3${String(n).padStart(12, '0')}`);

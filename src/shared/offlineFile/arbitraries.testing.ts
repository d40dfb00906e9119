// fast-check generators for offline transactions, shared by the file, .koc and processing tests.
import fc from 'fast-check';
import { findHiddenCharacter } from '../barcodes/hiddenCharacters.ts';
import type { DueDateBasis, OfflineTransaction } from '../offline/transaction.ts';

const MAX_EPOCH_MS = 8_640_000_000_000_000;
const MAX_CLOCK_OFFSET_MS = 31_536_000_000;

/** Characters that have broken readers and writers before: escapes, separators, lone halves. */
const TRICKY = [
  '\uFFFD',
  '\u0000',
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\uFEFF',
  '\uD800',
  'é',
  '😀',
];

/** Barcodes and names with any characters, including ones JSON must escape. */
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: Math.floor(maxLength / 2) }),
    fc.string({
      unit: fc.constantFrom(...TRICKY),
      minLength: 1,
      maxLength: Math.floor(maxLength / 2),
    }),
  );

/** Barcodes with any characters a barcode may hold: all of the above but the hidden ones. */
const barcodeText = (maxLength: number) =>
  text(maxLength).filter((candidate) => findHiddenCharacter(candidate) === null);

/** Workstation names as the session allows them. */
const DAY_MS = 86_400_000;

export const arbitraryWorkstationName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/);

const basis: fc.Arbitrary<DueDateBasis> = fc.oneof(
  fc.record({ kind: fc.constant('rule' as const), loanDays: fc.integer({ min: 0, max: 3650 }) }),
  ...(['special_loan', 'special_patron', 'special_all'] as const).map((kind) =>
    fc.record(
      {
        kind: fc.constant(kind),
        date: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        days: fc.integer({ min: 0, max: 3650 }),
      },
      { requiredKeys: ['kind'] },
    ),
  ),
);

export interface TransactionArbitraryOptions {
  /** Every transaction names this workstation; any workstation when left out. */
  workstation?: string;
  /** Realistic instants (2020–2030) instead of the whole allowed range. */
  realisticTimes?: boolean;
}

export function arbitraryTransaction(
  options: TransactionArbitraryOptions = {},
): fc.Arbitrary<OfflineTransaction> {
  const instant = options.realisticTimes
    ? fc.integer({ min: 1_577_836_800_000, max: 1_893_456_000_000 })
    : fc.integer({ min: 0, max: MAX_EPOCH_MS });
  const common = {
    id: fc.uuid({ version: 7 }),
    sequence: fc.integer({ min: 1, max: 1_000_000 }),
    occurredAt: instant,
    clockOffsetMs: options.realisticTimes
      ? fc.integer({ min: -3_600_000, max: 3_600_000 })
      : fc.integer({ min: -MAX_CLOCK_OFFSET_MS, max: MAX_CLOCK_OFFSET_MS }),
    workstation:
      options.workstation === undefined
        ? arbitraryWorkstationName
        : fc.constant(options.workstation),
    branchCode: text(20),
    staffUsername: text(100),
  };
  const transaction = fc.oneof(
    fc.record({
      ...common,
      type: fc.constant('check_out' as const),
      patronBarcode: barcodeText(64),
      itemBarcode: barcodeText(64),
      dueAt: instant,
      dueDateBasis: basis,
    }),
    fc.record({ ...common, type: fc.constant('check_in' as const), itemBarcode: barcodeText(64) }),
    fc.record({
      ...common,
      type: fc.constant('payment' as const),
      patronBarcode: barcodeText(64),
      amount: fc.string({ maxLength: 32 }),
    }),
  );
  // Left out as older outboxes, files and .koc files do; when there, realistic times put the
  // snapshot up to a month before the transaction (or a day after it, which the bounds catch).
  const snapshotLag = options.realisticTimes
    ? fc.integer({ min: -DAY_MS, max: 30 * DAY_MS })
    : fc.integer({ min: 0, max: MAX_EPOCH_MS });
  return fc
    .tuple(transaction, fc.option(snapshotLag, { nil: undefined }))
    .map(([t, lag]): OfflineTransaction => {
      if (lag === undefined) return t;
      const snapshotAt = options.realisticTimes ? t.occurredAt + t.clockOffsetMs - lag : lag;
      return { ...t, snapshotAt };
    });
}

/** Transactions of one workstation, with distinct ids and distinct sequence numbers. */
export function arbitraryWorkstationTransactions(
  workstation: string,
  maxLength = 30,
): fc.Arbitrary<OfflineTransaction[]> {
  return fc
    .uniqueArray(arbitraryTransaction({ workstation }), {
      selector: (t) => t.sequence,
      maxLength,
    })
    .filter((list) => new Set(list.map((t) => t.id.toLowerCase())).size === list.length);
}

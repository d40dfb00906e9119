// fast-check generators for offline transactions, shared by the file, .koc and processing tests.
import fc from 'fast-check';
import { findHiddenCharacter } from '../barcodes/hiddenCharacters.ts';
import {
  MAX_IN_HOUSE_USES_PER_TRANSACTION,
  OfflineRegistration,
  type DueDateBasis,
  type OfflineTransaction,
} from '../offline/transaction.ts';

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

const calendarDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Registered names and types: trimmed text with no hidden characters, as the schema allows. */
const registeredText = (maxLength: number) =>
  barcodeText(maxLength)
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate.length > 0);

const basis: fc.Arbitrary<DueDateBasis> = fc.oneof(
  fc.record({ kind: fc.constant('rule' as const), loanDays: fc.integer({ min: 0, max: 3650 }) }),
  ...(['special_loan', 'special_patron', 'special_all'] as const).map((kind) =>
    fc.record(
      {
        kind: fc.constant(kind),
        date: calendarDate,
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
  /**
   * The types and fields a file of this version holds: 1 (the default) gives check-outs without
   * "Lend anyway", check-ins without "Returned on" and payments; 2 gives every type and field.
   */
  fileVersion?: 1 | 2;
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
  const version2 = options.fileVersion === 2;
  /** A version-2 field, present or left out; always left out in a version-1 file. */
  const newField = <T>(value: fc.Arbitrary<T>) =>
    version2 ? fc.option(value, { nil: undefined }) : fc.constant(undefined);
  const version1Types: fc.Arbitrary<OfflineTransaction>[] = [
    fc
      .tuple(
        fc.record({
          ...common,
          type: fc.constant('check_out' as const),
          patronBarcode: barcodeText(64),
          itemBarcode: barcodeText(64),
          dueAt: instant,
          dueDateBasis: basis,
        }),
        newField(
          fc.record({
            reason: fc.constantFrom('blocked' as const, 'expired' as const),
            listMadeAt: instant,
          }),
        ),
      )
      .map(([t, lentAnyway]) => (lentAnyway === undefined ? t : { ...t, lentAnyway })),
    fc
      .tuple(
        fc.record({
          ...common,
          type: fc.constant('check_in' as const),
          itemBarcode: barcodeText(64),
        }),
        newField(calendarDate),
      )
      .map(([t, returnedOn]) => (returnedOn === undefined ? t : { ...t, returnedOn })),
    fc.record({
      ...common,
      type: fc.constant('payment' as const),
      patronBarcode: barcodeText(64),
      amount: fc.string({ maxLength: 32 }),
    }),
  ];
  const version2Types: fc.Arbitrary<OfflineTransaction>[] = [
    fc.record({
      ...common,
      type: fc.constant('renewal' as const),
      patronBarcode: barcodeText(64),
      itemBarcode: barcodeText(64),
      dueAt: instant,
      dueDateBasis: basis,
    }),
    fc.record({
      ...common,
      type: fc.constant('in_house_use' as const),
      itemBarcode: barcodeText(64),
      count: fc.integer({ min: 1, max: MAX_IN_HOUSE_USES_PER_TRANSACTION }),
    }),
    fc
      .tuple(
        fc.record({
          ...common,
          type: fc.constant('registration' as const),
          patronBarcode: barcodeText(64),
          name: registeredText(200),
          patronTypeCode: registeredText(20),
        }),
        fc.option(
          fc
            .emailAddress()
            .filter((email) => OfflineRegistration.shape.email.safeParse(email).success),
          { nil: undefined },
        ),
        fc.option(fc.stringMatching(/^[+0-9][0-9 ()./-]{0,39}$/), { nil: undefined }),
      )
      .map(([t, email, phone]) => ({
        ...t,
        ...(email === undefined ? {} : { email }),
        ...(phone === undefined ? {} : { phone }),
      })),
  ];
  const transaction = fc.oneof(...version1Types, ...(version2 ? version2Types : []));
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
  fileVersion: 1 | 2 = 1,
): fc.Arbitrary<OfflineTransaction[]> {
  return fc
    .uniqueArray(arbitraryTransaction({ workstation, fileVersion }), {
      selector: (t) => t.sequence,
      maxLength,
    })
    .filter((list) => new Set(list.map((t) => t.id.toLowerCase())).size === list.length);
}

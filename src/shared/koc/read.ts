// Reads a Koha offline circulation (.koc) file into Circa offline transactions, so libraries moving
// from Koha can bring their offline files. Same contract as readOfflineFile: all lines or none.
import { ErrorCollector } from '../offlineFile/errors.ts';
import { MAX_TRANSACTIONS_PER_FILE, type ReadResult } from '../offlineFile/format.ts';
import { checkLineLength, fileLines, isBlank, type FileInput } from '../offlineFile/text.ts';
import { StrictOfflineTransaction } from '../offlineFile/transactions.ts';
import { OfflineCheckIn, type OfflineTransaction } from '../offline/transaction.ts';
import { kocTransactionId } from './ids.ts';
import {
  canonicalKocTimestamp,
  isValidTimeZone,
  kocInstant,
  parseKocTimestamp,
  wallClockAsUtc,
} from './timestamp.ts';

/** The .koc format version Koha (and therefore Circa) reads. */
export const KOC_FILE_VERSION = '1.0';

/** Line 1 of a .koc file: tab-separated key=value pairs. */
export interface KocFileHeader {
  version: string;
  /** The tool that wrote the file (`kocDesktop`, `kolt`, …), when it says. */
  generator: string | null;
  generatorVersion: string | null;
}

/** The columns after the timestamp and the action, per action, named as Koha names them. */
const KOC_COLUMNS = {
  issue: ['cardnumber', 'barcode'],
  return: ['barcode'],
  payment: ['cardnumber', 'amount'],
} as const;
type KocAction = keyof typeof KOC_COLUMNS;

const AMOUNT = /^\d{1,12}(?:\.\d{1,4})?$/;

export interface ReadKocFileOptions {
  /**
   * The workstation the transactions are recorded under, preferably a name kept for imports (e.g.
   * `KOC-DESK1`). Sequence numbers restart at 1 in every .koc file (they are only the line's place
   * in it), so the server leaves .koc transactions out of sequence conflicts and gaps.
   */
  workstation: string;
  /** The branch where the file was recorded. */
  branchCode: string;
  /** The staff member importing the file (.koc lines do not say who scanned). */
  staffUsername: string;
  /** The branch's time zone (IANA name): .koc times are local wall-clock times. */
  timeZone: string;
  /**
   * The due date of an issue line: .koc files carry none, so the server decides it from its loan
   * rules for this patron and item as if lent at `checkedOutAt` (the loan rule's period, or the
   * default loan period when the patron or item is unknown). `loanDays` is recorded as the basis.
   */
  dueFor(checkOut: { patronBarcode: string; itemBarcode: string; checkedOutAt: number }): {
    dueAt: number;
    loanDays: number;
  };
}

export type KocFileReadResult = ReadResult<KocFileHeader, OfflineTransaction>;

/**
 * Parses a .koc file. Throws only for invalid options (a programming error); a bad file comes back
 * as `{ ok: false, errors }` naming line and column.
 */
export function readKocFile(input: FileInput, options: ReadKocFileOptions): KocFileReadResult {
  if (!isValidTimeZone(options.timeZone)) {
    throw new RangeError(`readKocFile: unknown time zone ${JSON.stringify(options.timeZone)}`);
  }
  // Throws on an empty or over-long name: the caller's mistake, not the file's.
  OfflineCheckIn.pick({ workstation: true, branchCode: true, staffUsername: true }).parse(options);
  const errors = new ErrorCollector();
  const fail = (): KocFileReadResult => ({
    ok: false,
    errors: errors.errors,
    truncated: errors.truncated,
  });

  const lines = fileLines(input, errors);
  if (lines === null) return fail();
  if (!checkLineLength(lines[0] ?? '', 1, errors)) return fail();
  const header = readKocHeader(lines[0] ?? '', errors);
  if (header === null) return fail();

  const transactions: OfflineTransaction[] = [];
  const occurrences = new Map<string, number>();
  for (let index = 1; index < lines.length && !errors.full; index++) {
    const lineNumber = index + 1;
    const line = lines[index] ?? '';
    // Koha skips blank lines, and so do we: a .koc line has no sequence number to lose.
    if (isBlank(line)) continue;
    // Two .koc files joined end to end: the second header is not a transaction.
    if (line.startsWith('Version=')) {
      readKocHeader(line, errors, lineNumber);
      continue;
    }
    if (!checkLineLength(line, lineNumber, errors)) continue;
    if (transactions.length >= MAX_TRANSACTIONS_PER_FILE) {
      errors.add(
        'TOO_MANY_TRANSACTIONS',
        lineNumber,
        null,
        `the file has more than ${MAX_TRANSACTIONS_PER_FILE} transactions; split it into smaller files and upload each.`,
      );
      break;
    }
    const parsed = parseKocLine(line, lineNumber, errors);
    if (parsed === null) continue;

    const occurrence = occurrences.get(parsed.canonical) ?? 0;
    occurrences.set(parsed.canonical, occurrence + 1);
    const occurredAt = kocInstant(parsed.clock, options.timeZone);
    const common = {
      id: kocTransactionId({
        canonicalLine: parsed.canonical,
        occurrence,
        wallClockMs: wallClockAsUtc(parsed.clock),
      }),
      sequence: transactions.length + 1,
      occurredAt,
      // A .koc file records no clock offset: its times are taken as they are.
      clockOffsetMs: 0,
      workstation: options.workstation,
      branchCode: options.branchCode,
      staffUsername: options.staffUsername,
    };
    const [first = '', second = ''] = parsed.values;
    let candidate: unknown;
    if (parsed.action === 'issue') {
      const due = options.dueFor({
        patronBarcode: first,
        itemBarcode: second,
        checkedOutAt: occurredAt,
      });
      candidate = {
        ...common,
        type: 'check_out',
        patronBarcode: first,
        itemBarcode: second,
        dueAt: due.dueAt,
        dueDateBasis: { kind: 'rule', loanDays: due.loanDays },
      };
    } else if (parsed.action === 'return') {
      candidate = { ...common, type: 'check_in', itemBarcode: first };
    } else {
      candidate = { ...common, type: 'payment', patronBarcode: first, amount: second };
    }
    const valid = StrictOfflineTransaction.safeParse(candidate, { reportInput: true });
    if (!valid.success) {
      errors.addIssues(lineNumber, valid.error.issues.map(toKocField));
      continue;
    }
    transactions.push(valid.data);
  }

  if (errors.count > 0 || errors.truncated) return fail();
  return { ok: true, header, transactions };
}

function readKocHeader(line: string, errors: ErrorCollector, lineNumber = 1): KocFileHeader | null {
  const fields = new Map<string, string>();
  for (const pair of line.split('\t')) {
    const at = pair.indexOf('=');
    if (at > 0) fields.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  const version = fields.get('Version');
  if (version === undefined) {
    errors.add(
      'UNKNOWN_FORMAT',
      lineNumber,
      null,
      'not a Koha .koc file: its first line should start with Version=1.0. Choose the .koc file your offline tool saved.',
    );
    return null;
  }
  if (version !== KOC_FILE_VERSION) {
    errors.add(
      'UNSUPPORTED_VERSION',
      lineNumber,
      'Version',
      `.koc version ${version} is not supported; Circa reads version ${KOC_FILE_VERSION}, as Koha does. Save the file again with a Koha offline tool that writes version ${KOC_FILE_VERSION}.`,
    );
    return null;
  }
  return {
    version,
    generator: fields.get('Generator') || null,
    generatorVersion: fields.get('GeneratorVersion') || null,
  };
}

interface KocLine {
  clock: NonNullable<ReturnType<typeof parseKocTimestamp>>;
  action: KocAction;
  values: string[];
  /** Timestamp, action and values in one form, whatever separators the tool wrote. */
  canonical: string;
}

function parseKocLine(line: string, lineNumber: number, errors: ErrorCollector): KocLine | null {
  const [timestamp = '', rawAction = '', ...rest] = line.split('\t');
  const clock = parseKocTimestamp(timestamp);
  const action = rawAction.trim();
  let ok = true;
  if (clock === null) {
    errors.add(
      'INVALID_FIELD',
      lineNumber,
      'date',
      `${JSON.stringify(timestamp.slice(0, 40))} is not a date and time like 2026-07-22 10:15:30 547; the file is damaged.`,
    );
    ok = false;
  }
  if (!isKocAction(action)) {
    errors.add(
      'INVALID_FIELD',
      lineNumber,
      'action',
      rawAction === ''
        ? 'required (issue, return or payment); is the line separated by tabs?'
        : `${JSON.stringify(action.slice(0, 40))} is not an action Circa knows; it must be issue, return or payment.`,
    );
    return null;
  }
  const columns = KOC_COLUMNS[action];
  const values = rest.map((value) => value.trim());
  if (values.length > columns.length) {
    errors.add(
      'MALFORMED_LINE',
      lineNumber,
      null,
      `has ${values.length + 2} tab-separated columns; a ${action} line has ${columns.length + 2} (date, ${action}, ${columns.join(', ')}).`,
    );
    ok = false;
  }
  columns.forEach((column, i) => {
    const value = values[i] ?? '';
    if (value === '') {
      errors.add('INVALID_FIELD', lineNumber, column, 'required');
      ok = false;
    } else if (column === 'amount' && !AMOUNT.test(value)) {
      errors.add('INVALID_FIELD', lineNumber, column, 'must be an amount such as 2.50');
      ok = false;
    }
  });
  if (!ok || clock === null) return null;
  return {
    clock,
    action,
    values,
    canonical: [canonicalKocTimestamp(clock), action, ...values].join('\t'),
  };
}

function isKocAction(value: string): value is KocAction {
  return Object.hasOwn(KOC_COLUMNS, value);
}

/** Errors about a .koc line name Koha's columns, which is what staff see in the file. */
function toKocField<T extends { path: PropertyKey[] }>(issue: T): T {
  const renames: Record<string, string> = {
    patronBarcode: 'cardnumber',
    itemBarcode: 'barcode',
    occurredAt: 'date',
  };
  const [first, ...rest] = issue.path;
  const renamed = typeof first === 'string' ? (renames[first] ?? first) : first;
  return renamed === undefined ? issue : { ...issue, path: [renamed, ...rest] };
}

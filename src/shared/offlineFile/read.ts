// Reads a circa-offline file: all of it or none of it, with every problem named by line and field.
import type { OfflineTransaction } from '../offline/transaction.ts';
import { ErrorCollector } from './errors.ts';
import {
  MAX_TRANSACTIONS_PER_FILE,
  OFFLINE_FILE_FORMAT,
  OFFLINE_FILE_VERSION,
  OfflineFileHeader,
  SUPPORTED_OFFLINE_FILE_VERSIONS,
  type ReadResult,
} from './format.ts';
import { checkLineLength, fileLines, isBlank, type FileInput } from './text.ts';
import {
  checkTransactionForVersion,
  StrictOfflineTransaction,
  TransactionSetChecker,
} from './transactions.ts';

export type OfflineFileReadResult = ReadResult<OfflineFileHeader, OfflineTransaction>;

/**
 * Parses and checks a whole file. Never throws on bad input: a malformed file comes back as
 * `{ ok: false, errors }` so that nothing from it is stored.
 */
export function readOfflineFile(input: FileInput): OfflineFileReadResult {
  const errors = new ErrorCollector();
  const fail = (): OfflineFileReadResult => ({
    ok: false,
    errors: errors.errors,
    truncated: errors.truncated,
  });

  const lines = fileLines(input, errors);
  if (lines === null) return fail();
  const transactionLines = lines.length - 1;
  if (transactionLines > MAX_TRANSACTIONS_PER_FILE) {
    errors.add(
      'TOO_MANY_TRANSACTIONS',
      null,
      null,
      `the file has ${transactionLines} transactions; at most ${MAX_TRANSACTIONS_PER_FILE} are allowed in one file. Send from the offline client directly, or split the export.`,
    );
    return fail();
  }

  const read = readHeader(lines[0] ?? '', errors);
  if (read === 'stop') return fail();
  const { header, version } = read;

  const checker = new TransactionSetChecker(errors, header?.workstation ?? null);
  const transactions: OfflineTransaction[] = [];
  for (let index = 1; index < lines.length && !errors.full; index++) {
    const lineNumber = index + 1;
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      errors.add(
        'BLANK_LINE',
        lineNumber,
        null,
        'blank line between transactions; a transaction may be missing. Export the file again from the offline client.',
      );
      continue;
    }
    if (!checkLineLength(line, lineNumber, errors)) continue;
    const json = parseJson(line);
    if (!json.ok) {
      errors.add(
        'MALFORMED_LINE',
        lineNumber,
        null,
        'not valid JSON; the file is damaged. Export it again from the offline client.',
      );
      continue;
    }
    const parsed = StrictOfflineTransaction.safeParse(json.value, { reportInput: true });
    if (!parsed.success) {
      errors.addIssues(lineNumber, parsed.error.issues);
      continue;
    }
    if (!checkTransactionForVersion(parsed.data, version, lineNumber, errors)) continue;
    if (checker.check(parsed.data, lineNumber)) transactions.push(parsed.data);
  }

  if (header !== null && errors.count === 0) checkHeaderAgainstLines(header, transactions, errors);
  if (header === null || errors.count > 0 || errors.truncated) return fail();
  return { ok: true, header, transactions };
}

/**
 * The header (null when it is invalid but the lines are still worth checking) and the version its
 * lines are read as; or 'stop' when the file is not one we can read at all (unknown format or
 * version): its lines would only produce misleading errors.
 */
function readHeader(
  line: string,
  errors: ErrorCollector,
): { header: OfflineFileHeader | null; version: number } | 'stop' {
  if (!checkLineLength(line, 1, errors)) return 'stop';
  const json = parseJson(line);
  const value: unknown = json.ok ? json.value : undefined;
  const format = isRecord(value) ? value.format : undefined;
  if (format !== OFFLINE_FILE_FORMAT) {
    const hint = line.startsWith('Version=')
      ? 'This looks like a Koha .koc file: upload it as a .koc file.'
      : 'Choose a file saved by the Circa offline client (its first line starts with {"format":"circa-offline").';
    const found =
      format === undefined ? 'has no format' : `has format ${JSON.stringify(format).slice(0, 60)}`;
    errors.add(
      'UNKNOWN_FORMAT',
      1,
      json.ok ? 'format' : null,
      `not a Circa offline file (line 1 ${json.ok ? found : 'is not a JSON header'}). ${hint}`,
    );
    return 'stop';
  }
  const version = isRecord(value) ? value.version : undefined;
  if (typeof version === 'number' && !SUPPORTED_OFFLINE_FILE_VERSIONS.includes(version)) {
    errors.add(
      'UNSUPPORTED_VERSION',
      1,
      'version',
      `version ${version} is not supported; this server reads version ${SUPPORTED_OFFLINE_FILE_VERSIONS.join(', ')}. Update Circa on the server, or export the file from an offline client of the same Circa version.`,
    );
    return 'stop';
  }
  // A header too damaged to say its version is read as the newest: the lines are then checked
  // against every type, and the header's own errors already refuse the file.
  const linesVersion = typeof version === 'number' ? version : OFFLINE_FILE_VERSION;
  const parsed = OfflineFileHeader.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    errors.addIssues(1, parsed.error.issues);
    return { header: null, version: linesVersion };
  }
  return { header: parsed.data, version: parsed.data.version };
}

function checkHeaderAgainstLines(
  header: OfflineFileHeader,
  transactions: readonly OfflineTransaction[],
  errors: ErrorCollector,
) {
  const again =
    'Lines may be missing or added by hand: export the file again from the offline client.';
  if (header.count !== transactions.length) {
    errors.add(
      'HEADER_MISMATCH',
      1,
      'count',
      `the header says ${header.count} transactions but the file has ${transactions.length}. ${again}`,
    );
  }
  let first: number | null = null;
  let last: number | null = null;
  for (const { sequence } of transactions) {
    if (first === null || sequence < first) first = sequence;
    if (last === null || sequence > last) last = sequence;
  }
  for (const [field, said, found] of [
    ['firstSequence', header.firstSequence, first],
    ['lastSequence', header.lastSequence, last],
  ] as const) {
    if (said !== found) {
      errors.add(
        'HEADER_MISMATCH',
        1,
        field,
        `the header says ${said ?? 'none'} but the transactions give ${found ?? 'none'}. ${again}`,
      );
    }
  }
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

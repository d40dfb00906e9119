// The circa-offline file format: its name, version, limits, header schema and error shape. One
// schema serves the offline client (writing a backup), the server (reading an upload) and the docs.
import { z } from 'zod';
import { WorkstationName } from '../workstations/workstationName.ts';

/** The `format` value on line 1. Never changes: it is how a reader recognises the file. */
export const OFFLINE_FILE_FORMAT = 'circa-offline';

/**
 * The version this code writes. Bump it when a transaction field is added, removed or changes
 * meaning (see docs/offline-file-format.md), and keep reading the older versions. Version 2 (issue
 * 13) added renewals, in-house uses, registrations, check-ins from the offline desk with their
 * "Returned on" day, and "Lend anyway" on check-outs.
 */
export const OFFLINE_FILE_VERSION = 2;

/** Every version this code reads. */
export const SUPPORTED_OFFLINE_FILE_VERSIONS: readonly number[] = [1, 2];

/**
 * A transaction line is ~400 characters, and under 2,500 even when every text field is at its
 * maximum length and fully escaped; anything longer is not one of ours.
 */
export const MAX_LINE_CHARS = 4_096;

/** A busy branch records a few thousand loans a day; this allows weeks of outage per file. */
export const MAX_TRANSACTIONS_PER_FILE = 200_000;

/** Enough to show the pattern of what is wrong without flooding the screen. */
export const MAX_REPORTED_ERRORS = 50;

const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/** Line 1 of a circa-offline file. */
export const OfflineFileHeader = z.strictObject({
  format: z.literal(OFFLINE_FILE_FORMAT),
  version: z.number().int().min(1),
  /** The workstation whose transactions the file holds (one workstation per file). */
  workstation: WorkstationName,
  /** The branch the workstation belonged to when the file was written. */
  branchCode: z.string().min(1).max(20),
  /** When the file was written, by the workstation's clock (epoch ms). */
  exportedAt: EpochMs,
  /** Lowest and highest sequence number in the file; null when the file holds no transactions. */
  firstSequence: z.number().int().min(1).nullable(),
  lastSequence: z.number().int().min(1).nullable(),
  /** Number of transaction lines after the header. */
  count: z.number().int().min(0).max(MAX_TRANSACTIONS_PER_FILE),
  /** The Circa version that wrote the file, for support questions only. */
  appVersion: z.string().min(1).max(40).optional(),
});
export type OfflineFileHeader = z.infer<typeof OfflineFileHeader>;

/** Why a file (or one of its lines) was rejected: a stable code a screen can branch on. */
export const OfflineFileErrorCode = z.enum([
  /** The file has no content at all. */
  'EMPTY_FILE',
  /** Not UTF-8 text (binary data, or text saved in another encoding). */
  'NOT_TEXT',
  /** A line is longer than MAX_LINE_CHARS. */
  'LINE_TOO_LONG',
  /** More than MAX_TRANSACTIONS_PER_FILE transaction lines. */
  'TOO_MANY_TRANSACTIONS',
  /** A blank line before the last transaction: a line may have been lost. */
  'BLANK_LINE',
  /** A line is not valid JSON (or, in a .koc file, not tab-separated fields). */
  'MALFORMED_LINE',
  /** Line 1 does not name a format this reader knows. */
  'UNKNOWN_FORMAT',
  /** The format is known but its version is not. */
  'UNSUPPORTED_VERSION',
  /** A field is missing, has the wrong type, or is out of range. */
  'INVALID_FIELD',
  /** The header's count or sequence range disagrees with the lines that follow. */
  'HEADER_MISMATCH',
  /** A transaction names another workstation than the header. */
  'WRONG_WORKSTATION',
  /** The same transaction id appears twice. */
  'DUPLICATE_ID',
  /** Two different transactions carry the same sequence number. */
  'DUPLICATE_SEQUENCE',
  /** A transaction type or field the file's version did not have (a renewal in a version-1 file). */
  'NOT_IN_VERSION',
]);
export type OfflineFileErrorCode = z.infer<typeof OfflineFileErrorCode>;

/** One problem in a file, pointing at the line and field so staff can find it. */
export const OfflineFileError = z.object({
  code: OfflineFileErrorCode,
  /** 1-based line number (the header is line 1); null when the problem is the whole file. */
  line: z.number().int().min(1).nullable(),
  /** The field, as a dotted path (`dueDateBasis.kind`); null when the problem is the whole line. */
  field: z.string().nullable(),
  /** What is wrong, in plain words. */
  message: z.string(),
});
export type OfflineFileError = z.infer<typeof OfflineFileError>;

/**
 * The result of reading a file: everything or nothing. `truncated` says more errors were found than
 * the MAX_REPORTED_ERRORS listed.
 */
export type ReadResult<THeader, TTransaction> =
  | { ok: true; header: THeader; transactions: TTransaction[] }
  | { ok: false; errors: OfflineFileError[]; truncated: boolean };

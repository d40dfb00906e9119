// Writes a circa-offline file (a backup, or what the client sends): header computed, transactions
// in sequence order, one per line. The result always reads back with readOfflineFile.
import { OfflineTransaction } from '../offline/transaction.ts';
import { formatOfflineFileError } from './errors.ts';
import {
  OFFLINE_FILE_FORMAT,
  OFFLINE_FILE_VERSION,
  type OfflineFileError,
  type OfflineFileHeader,
} from './format.ts';
import { readOfflineFile } from './read.ts';

export interface WriteOfflineFileProps {
  /** The workstation whose transactions these are; every transaction must name it. */
  workstation: string;
  /** The workstation's branch. */
  branchCode: string;
  /** Now, by the workstation's clock (epoch ms). */
  exportedAt: number;
  /** In any order; extra fields the outbox keeps (e.g. when it was sent) are left out. */
  transactions: readonly OfflineTransaction[];
  /** The Circa version writing the file. */
  appVersion?: string;
}

/** The transactions cannot make a valid file; `errors` say which line and field. */
export class OfflineFileWriteError extends Error {
  constructor(readonly errors: readonly OfflineFileError[]) {
    super(
      `Cannot write the offline file: ${errors.slice(0, 3).map(formatOfflineFileError).join('; ')}`,
    );
    this.name = 'OfflineFileWriteError';
  }
}

/** The file's text, ending with a newline. Throws OfflineFileWriteError on invalid transactions. */
export function writeOfflineFile(props: WriteOfflineFileProps): string {
  const transactions = props.transactions
    // Keep only the fields of the format; an invalid one stays as it is for the check below.
    .map((t) => {
      const parsed = OfflineTransaction.safeParse(t);
      return parsed.success ? parsed.data : t;
    })
    .toSorted((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const header: OfflineFileHeader = {
    format: OFFLINE_FILE_FORMAT,
    version: OFFLINE_FILE_VERSION,
    workstation: props.workstation,
    branchCode: props.branchCode,
    exportedAt: props.exportedAt,
    // Sorted above, so the ends are the extremes.
    firstSequence: transactions[0]?.sequence ?? null,
    lastSequence: transactions.at(-1)?.sequence ?? null,
    count: transactions.length,
    ...(props.appVersion === undefined ? {} : { appVersion: props.appVersion }),
  };
  const text = [header, ...transactions].map(toJsonLine).join('\n') + '\n';
  // Writing and reading share one set of rules: a file we cannot read back is never handed out.
  const check = readOfflineFile(text);
  if (!check.ok) throw new OfflineFileWriteError(check.errors);
  return text;
}

/**
 * JSON with U+FFFD escaped: the reader takes a raw U+FFFD as the sign of a file decoded from the
 * wrong encoding, but a barcode scanner can produce one, and such a transaction must still be
 * saved. Inside JSON the character only occurs in strings, where the escape means the same.
 */
function toJsonLine(value: unknown): string {
  return JSON.stringify(value).replaceAll('\uFFFD', '\\ufffd');
}

// Reading a file a supervisor uploads: a circa-offline backup (JSON Lines) or a Koha .koc file, told
// apart by content. A file with any problem is refused whole, naming line and field.
import type { Kysely } from 'kysely';
import type { OfflineUploadSource } from '../../shared/api/offline.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { fieldPath } from '../../shared/offlineFile/errors.ts';
import {
  detectOfflineFileKind,
  formatOfflineFileError,
  MAX_REPORTED_ERRORS,
  readOfflineFile,
  type OfflineFileError,
} from '../../shared/offlineFile/index.ts';
import type { Database } from '../db/schema.ts';
import { CircaError } from '../errors.ts';
import { findNulCharacter, NUL_CHARACTER_MESSAGE } from '../input/nulCharacters.ts';
import { readKocUpload } from './readKocUpload.ts';

export interface ReadOfflineUploadFileProps {
  db: Kysely<Database>;
  /** The file's bytes, as uploaded. */
  body: Uint8Array;
  /** The branch the file was recorded at, for .koc due dates: the uploading workstation's. */
  branchId: number;
  /** The supervisor uploading it; .koc lines do not say who scanned. */
  staffUsername: string;
  /** The workstation .koc transactions are recorded under (their lines name none). */
  kocWorkstation: string;
}

export interface OfflineUploadFile {
  source: Extract<OfflineUploadSource, 'file' | 'koc'>;
  /** The workstation the transactions came from: the file header's, or kocWorkstation. */
  workstation: string;
  transactions: OfflineTransaction[];
}

/** The file's transactions, ready to receive; BAD_REQUEST saying what is wrong otherwise. */
export async function readOfflineUploadFile(
  props: ReadOfflineUploadFileProps,
): Promise<OfflineUploadFile> {
  const { db, body } = props;
  if (body.length === 0) {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      'The file is empty. Choose the offline file again; if it is really empty, there is nothing to upload.',
    );
  }
  const kind = detectOfflineFileKind(body);
  if (kind === 'unknown') {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      'This is not an offline file Circa reads. Choose a circa-offline backup (.jsonl) saved by the offline client, or a Koha .koc file.',
      { errors: [{ code: 'UNKNOWN_FORMAT', line: 1, field: null, message: 'unknown format' }] },
    );
  }
  const read =
    kind === 'koc'
      ? await readKocUpload({
          db,
          body,
          branchId: props.branchId,
          staffUsername: props.staffUsername,
          workstation: props.kocWorkstation,
        })
      : readOfflineFile(body);
  if (!read.ok) throw fileRefused(read.errors, read.truncated);
  refuseNulCharacters(read);
  return {
    source: kind === 'koc' ? 'koc' : 'file',
    workstation: 'workstation' in read.header ? read.header.workstation : props.kocWorkstation,
    transactions: read.transactions,
  };
}

/**
 * A circa-offline file may spell a NUL character as \u0000 inside a field; the database cannot
 * store one, so the file is refused naming the line and field, as for any other invalid field.
 * (A raw NUL byte, and so any in a .koc file, is refused by the reader as binary data.)
 */
function refuseNulCharacters(read: { header: unknown; transactions: readonly unknown[] }): void {
  const lines = [read.header, ...read.transactions];
  const errors: OfflineFileError[] = [];
  lines.forEach((line, index) => {
    const path = findNulCharacter(line);
    if (path === null || errors.length >= MAX_REPORTED_ERRORS) return;
    // The header is line 1 and the reader allows no blank line between transactions, so the
    // transactions follow on lines 2, 3, … in order.
    errors.push({
      code: 'INVALID_FIELD',
      line: index + 1,
      field: fieldPath(path),
      message: NUL_CHARACTER_MESSAGE,
    });
  });
  if (errors.length > 0) throw fileRefused(errors, false);
}

/** A whole file refused: nothing from it is stored, and the first problem is named. */
function fileRefused(errors: OfflineFileError[], truncated: boolean): CircaError {
  const [first] = errors;
  const count = `${errors.length}${truncated ? '+' : ''}`;
  return new CircaError(
    'BAD_REQUEST',
    400,
    `The file was not accepted and nothing from it was stored: ${count} problem(s) found${first ? `, the first at ${formatOfflineFileError(first)}` : ''}. Correct the file, or save it again from the offline client.`,
    { errors, truncated },
  );
}

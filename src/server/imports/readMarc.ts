// Reads MARC 21 records as a file streams from disk, one at a time: binary ISO 2709 (.mrc, records
// ended by 0x1D) or MARCXML. Each record is checked whole (marcStructure.ts) before marcjs parses it;
// a damaged one comes out as a problem with its number, and reading goes on with the next.
import {
  iso2709Problem,
  marcxmlProblem,
  MAX_ISO2709_RECORD_BYTES,
  RECORD_TERMINATOR,
  withoutElementPrefix,
} from '../../shared/imports/marcStructure.ts';
import type { MarcField } from '../../shared/imports/marcItems.ts';
import { ImportFileError } from './importFileError.ts';
import { parseIso2709, parseMarcxml } from './marcjs.ts';
import { utf8Chunks } from './utf8Text.ts';

export type MarcRecordRead =
  | { record: number; fields: MarcField[]; problem?: undefined }
  | { record: number; problem: string };

const NO_RECORDS =
  'The file has no MARC records: check that it is a MARC 21 export (.mrc or MARCXML) and that the right format was chosen.';

export async function* readIso2709Records(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<MarcRecordRead> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  /** Past the largest record without a terminator: skip to the next one. */
  let skipping = false;
  let record = 0;
  for await (const chunk of source) {
    let from = 0;
    for (
      let end = chunk.indexOf(RECORD_TERMINATOR);
      end !== -1;
      end = chunk.indexOf(RECORD_TERMINATOR, from)
    ) {
      const piece = chunk.subarray(from, end + 1);
      from = end + 1;
      record += 1;
      if (skipping) {
        skipping = false;
        pending = [];
        pendingBytes = 0;
        continue;
      }
      const bytes =
        pendingBytes === 0 ? piece : concat([...pending, piece], pendingBytes + piece.length);
      pending = [];
      pendingBytes = 0;
      yield readOne(record, withoutLeadingWhitespace(bytes));
    }
    if (skipping) continue;
    const rest = chunk.subarray(from);
    if (rest.length > 0) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
    if (pendingBytes > MAX_ISO2709_RECORD_BYTES) {
      yield {
        record: record + 1,
        problem: `The record is longer than MARC 21 allows (${MAX_ISO2709_RECORD_BYTES} bytes) without a record terminator: the file is damaged, or it is not binary MARC.`,
      };
      skipping = true;
      pending = [];
      pendingBytes = 0;
    }
  }
  const tail = withoutLeadingWhitespace(concat(pending, pendingBytes));
  if (!skipping && tail.length > 0) {
    record += 1;
    yield {
      record,
      problem:
        'The last record is cut short (no record terminator): the file was truncated. Export it again.',
    };
  }
  if (record === 0) throw ImportFileError.at(1, 'file', NO_RECORDS);
}

function readOne(record: number, bytes: Uint8Array): MarcRecordRead {
  const problem = iso2709Problem(bytes);
  return problem === null ? { record, fields: parseIso2709(bytes) } : { record, problem };
}

/** Line breaks some tools put between records are not part of the next one. */
function withoutLeadingWhitespace(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (
    start < bytes.length &&
    (bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x20)
  ) {
    start += 1;
  }
  return bytes.subarray(start);
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Longest MARCXML record Circa reads: well above any MARC 21 record. */
const MAX_MARCXML_RECORD_CHARACTERS = 1024 * 1024;
const RECORD_START = /<(?:[A-Za-z_][\w.-]*:)?record[\s>]/;
const RECORD_END = /<\/(?:[A-Za-z_][\w.-]*:)?record\s*>/;

export async function* readMarcxmlRecords(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<MarcRecordRead> {
  let buffer = '';
  let record = 0;
  for await (const chunk of utf8InRecords(source, () => record + 1)) {
    buffer += chunk;
    for (;;) {
      const start = RECORD_START.exec(buffer);
      if (!start) {
        // Keep a tail that may hold the start of a record split across chunks.
        buffer = buffer.slice(-64);
        break;
      }
      buffer = buffer.slice(start.index);
      const end = RECORD_END.exec(buffer);
      if (!end) {
        if (buffer.length > MAX_MARCXML_RECORD_CHARACTERS) {
          throw ImportFileError.at(
            record + 1,
            'record',
            'The record is not closed by </record> within 1 MiB: the file is damaged or cut short. Export it again.',
          );
        }
        break;
      }
      const xml = withoutElementPrefix(buffer.slice(0, end.index + end[0].length));
      buffer = buffer.slice(end.index + end[0].length);
      record += 1;
      const nested = RECORD_START.exec(xml.slice(1));
      const problem = nested
        ? 'A record starts before the one before it was closed: the file is damaged.'
        : marcxmlProblem(xml);
      yield problem === null ? { record, fields: parseMarcxml(xml) } : { record, problem };
    }
  }
  if (RECORD_START.test(buffer)) {
    record += 1;
    yield {
      record,
      problem:
        'The last record is cut short (no </record>): the file was truncated. Export it again.',
    };
  }
  if (record === 0) throw ImportFileError.at(1, 'file', NO_RECORDS);
}

/** UTF-8 text whose reading errors name the record they are in, as every MARC refusal does. */
async function* utf8InRecords(
  source: AsyncIterable<Uint8Array>,
  recordNow: () => number,
): AsyncGenerator<string> {
  try {
    yield* utf8Chunks(source);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    throw new ImportFileError(
      error.problems.map((p) => ({
        line: recordNow(),
        field: 'record',
        reason: `Line ${p.line} of the file: ${p.reason}`,
      })),
    );
  }
}

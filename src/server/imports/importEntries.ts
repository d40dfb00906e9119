// An import file as one stream of entries, whatever its format: a row to map (with where each value
// came from, for MARC) or a refusal found while reading (a damaged record, a row with too few
// values). Counts the bytes read so the preview can show how far it has got.
import { createReadStream } from 'node:fs';
import type { ImportKind } from '../../shared/api/imports.ts';
import type { ItemFieldNames } from '../../shared/imports/itemRows.ts';
import { holdingsProfile, itemRowsFromMarc } from '../../shared/imports/marcItems.ts';
import type { FieldRefusal, ImportRow } from '../../shared/imports/rowFields.ts';
import type { ImportOptions } from './importJobs.ts';
import { readCsvRows } from './readCsv.ts';
import { readIso2709Records, readMarcxmlRecords } from './readMarc.ts';

export type ImportEntry =
  | { line: number; row: ImportRow; names?: ItemFieldNames; refusal?: undefined }
  | { line: number; refusal: FieldRefusal };

/** Read at a time from disk: memory stays flat however large the file. */
const READ_CHUNK_BYTES = 64 * 1024;

export interface ByteCounter {
  bytes: number;
}

async function* counted(
  source: AsyncIterable<Uint8Array>,
  counter: ByteCounter,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

export async function* entriesFromBytes(
  kind: ImportKind,
  options: ImportOptions,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<ImportEntry> {
  if (kind === 'patrons-csv' || kind === 'items-csv') {
    for await (const read of readCsvRows(source, kind === 'patrons-csv' ? 'patrons' : 'items')) {
      yield read.refusal ? { line: read.line, refusal: read.refusal } : read;
    }
    return;
  }
  const profile = holdingsProfile(options.barcodeTag, options.barcodeSubfield);
  const records = kind === 'items-marc' ? readIso2709Records(source) : readMarcxmlRecords(source);
  for await (const read of records) {
    if (read.problem !== undefined) {
      yield { line: read.record, refusal: { field: 'record', reason: read.problem } };
      continue;
    }
    for (const { row, names } of itemRowsFromMarc(read.fields, profile)) {
      yield { line: read.record, row, names };
    }
  }
}

export function entriesFromFile(
  kind: ImportKind,
  options: ImportOptions,
  path: string,
  counter: ByteCounter,
): AsyncGenerator<ImportEntry> {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  return entriesFromBytes(kind, options, counted(file, counter));
}

// Reads a patron or item CSV file as it streams from disk, one row at a time: UTF-8 with or
// without a byte-order mark, comma or semicolon (whichever the header uses), a header row naming
// the columns. Rows come out keyed by column with the line they start on; a file that cannot be read
// stops with an ImportFileError naming the line where the row it stopped in starts.
import { parse, CsvError } from 'csv-parse';
import {
  checkHeader,
  normalizeColumnName,
  pickDelimiter,
  type CsvKind,
} from '../../shared/imports/csvColumns.ts';
import type { FieldRefusal, ImportRow } from '../../shared/imports/rowFields.ts';
import { CsvLineCounter } from './csvLines.ts';
import { ImportFileError } from './importFileError.ts';
import { utf8Chunks } from './utf8Text.ts';

/** A longer row is not a row: most likely a quote that never closes. */
const MAX_ROW_CHARACTERS = 64 * 1024;

export type CsvRow =
  { line: number; row: ImportRow; refusal?: undefined } | { line: number; refusal: FieldRefusal };

/** Text chunks with the first line gathered, so the header tells the delimiter. */
async function* withHeaderFirst(
  chunks: AsyncIterable<string>,
  onHeader: (line: string) => void,
): AsyncGenerator<string> {
  let pending = '';
  let seen = false;
  for await (const chunk of chunks) {
    if (seen) {
      yield chunk;
      continue;
    }
    pending += chunk;
    const end = pending.indexOf('\n');
    if (end !== -1 || pending.length > MAX_ROW_CHARACTERS) {
      seen = true;
      onHeader(end === -1 ? pending : pending.slice(0, end));
      yield pending;
      pending = '';
    }
  }
  if (!seen) {
    onHeader(pending);
    if (pending !== '') yield pending;
  }
}

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED:
    'A quoted value is never closed: add the missing " (a quote inside a value is written "").',
  CSV_INVALID_CLOSING_QUOTE:
    'A quote is followed by more text in the same value: write a quote inside a value as "".',
  CSV_MAX_RECORD_SIZE:
    'A row is longer than 64 KiB: most likely a quote is never closed. Check the row.',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'A quoted value is followed by more text: write a quote inside a value as "".',
};

export async function* readCsvRows(
  source: AsyncIterable<Uint8Array>,
  kind: CsvKind,
): AsyncGenerator<CsvRow> {
  let delimiter = ',' as ',' | ';';
  const text = withHeaderFirst(utf8Chunks(source), (line) => {
    delimiter = pickDelimiter(line);
  });
  // The parser is made once the first chunk (and so the header) has been seen.
  const first = await text.next();
  if (first.done) {
    throw ImportFileError.at(1, 'file', 'The file is empty: the first line must name the columns.');
  }
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    // Empty lines come out as rows of one empty value (skipped below), so every line is counted.
    skip_empty_lines: false,
    max_record_size: MAX_ROW_CHARACTERS,
  });
  const lines = new CsvLineCounter();
  // Fed by hand rather than piped: a pipe would not pass on a reading error (not UTF-8), and the
  // parser would wait for the rest of the file for ever.
  void (async () => {
    try {
      for (let chunk: string | undefined = first.value; chunk !== undefined;) {
        if (parser.destroyed) return;
        if (!parser.write(chunk)) {
          await drainedOrClosed(parser);
        }
        const next = await text.next();
        chunk = next.done ? undefined : next.value;
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let columns: string[] | null = null;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = lines.row(record);
      if (columns === null) {
        if (record.length === 1 && record[0] === '') continue;
        const problems = checkHeader(kind, record);
        if (problems.length > 0) throw new ImportFileError(problems);
        columns = record.map(normalizeColumnName);
        continue;
      }
      if (record.length === 1 && record[0]!.trim() === '') continue;
      if (record.length !== columns.length) {
        yield {
          line,
          refusal: {
            field: 'row',
            reason: `The row has ${record.length} values but the header names ${columns.length} columns: check the ${delimiter === ';' ? 'semicolons' : 'commas'} and quotes on this line.`,
          },
        };
        continue;
      }
      const row: Record<string, string> = {};
      columns.forEach((name, i) => {
        row[name] = record[i]!;
      });
      yield { line, row };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = lines.nextRowLine;
      throw ImportFileError.at(
        line,
        'row',
        CSV_REASONS[error.code] ?? `The file is not valid CSV here (${error.code}).`,
      );
    }
    throw error;
  } finally {
    parser.destroy();
  }
  if (columns === null) {
    throw ImportFileError.at(1, 'file', 'The file is empty: the first line must name the columns.');
  }
}

/** Waits until the parser wants more, or is gone; leaves no listener behind either way. */
function drainedOrClosed(parser: NodeJS.EventEmitter): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      parser.off('drain', finish);
      parser.off('close', finish);
      done();
    };
    parser.on('drain', finish);
    parser.on('close', finish);
  });
}

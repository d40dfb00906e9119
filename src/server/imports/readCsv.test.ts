// Line numbers in a CSV file: a row is named by the line it starts on, even when a quoted value
// (an address, most often) runs over several lines, whatever the line ends and however the file
// arrives in chunks.
import { describe, expect, it } from 'vitest';
import { ImportFileError } from './importFileError.ts';
import { readCsvRows, type CsvRow } from './readCsv.ts';

async function* inChunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(text: string, size = 1 << 16): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of readCsvRows(inChunks(text, size), 'patrons')) rows.push(row);
  return rows;
}

const HEADER = 'barcode,name,patron_type,home_branch,address';

describe('readCsvRows line numbers', () => {
  it('names a refused row that spans several lines by its first line', async () => {
    const file = [
      HEADER,
      '1,Ada,ADULT,MAIN,"1 Main Street',
      'Springfield',
      'USA",too many',
      '2,Bob,ADULT,MAIN,',
      '',
      '3,Cy,ADULT,MAIN,"Flat 2',
      'Elm Road"',
    ].join('\n');
    for (const size of [1, 7, 1 << 16]) {
      const rows = await read(file, size);
      expect(rows.map((r) => r.line)).toEqual([2, 5, 7]);
      expect(rows[0]!.refusal?.reason).toContain('6 values but the header names 5 columns');
      expect(rows[2]).toMatchObject({ row: { barcode: '3', address: 'Flat 2\nElm Road' } });
    }
  });

  it('counts a CRLF inside a quoted value as one line end, as a spreadsheet shows it', async () => {
    const file = `${HEADER}\r\n1,Ada,ADULT,MAIN,"a\r\nb\r\nc"\r\n\r\n2,Émile,ADULT,MAIN,x\r\n3,Zoë,ADULT,MAIN,"d\r\ne",extra\r\n`;
    for (const size of [1, 5, 1 << 16]) {
      const rows = await read(file, size);
      expect(rows.map((r) => r.line)).toEqual([2, 6, 7]);
      expect(rows[2]!.refusal?.field).toBe('row');
    }
  });

  it('names the line a never-closed quote opens on, not the end of the file', async () => {
    const file = [HEADER, '1,Ada,ADULT,MAIN,x', '2,Bob,ADULT,MAIN,"1 Main Street', '3,Cy', '4,Di'];
    const error = await read(file.join('\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).problems).toEqual([
      { line: 3, field: 'row', reason: expect.stringContaining('never closed') as unknown },
    ]);
  });
});

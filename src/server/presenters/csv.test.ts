import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('csvCell', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('31234000012345')).toBe('31234000012345');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // Harmless further in: only the first character makes a formula.
    expect(csvCell('A=1')).toBe('A=1');
  });

  it('quotes commas, quotes, line breaks and edge spaces (RFC 4180)', () => {
    expect(csvCell('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvCell('The "Hobbit"')).toBe('"The ""Hobbit"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 1, null, '=x'])).toBe("a,1,,'=x\r\n");
  });
});

/** Reads one cell back as a spreadsheet does (RFC 4180). */
function readCell(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
}

describe('csvCell on any text', () => {
  const trigger = fc.constantFrom('=', '+', '-', '@', '\t', '\r');
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.tuple(trigger, fc.string({ maxLength: 40 })).map(([first, rest]) => first + rest),
  );

  it('never lets a cell start a formula, and reads back as the text (apostrophe aside)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const cell = csvCell(text);
        const read = readCell(cell);
        expect('=+-@\t\r'.includes(read.charAt(0)) && read !== '').toBe(false);
        expect(read).toBe('=+-@\t\r'.includes(text.charAt(0)) && text !== '' ? `'${text}` : text);
        // Outside quotes, nothing that would end the cell or the line.
        expect(cell.startsWith('"') || !/[",\r\n]/.test(cell)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps markup as plain text: a CSV is data, the spreadsheet shows it as typed', () => {
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(csvCell('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});

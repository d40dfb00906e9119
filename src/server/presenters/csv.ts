// CSV for the offline report, as spreadsheets read it (RFC 4180, CRLF, UTF-8 with a byte order
// mark), guarded against formula injection: a barcode or name typed as =HYPERLINK(…) stays text.

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Tells Excel the file is UTF-8; other programs ignore it. */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';

/** One cell: text that could start a formula gets a leading apostrophe, then RFC 4180 quoting. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_TRIGGERS.has(text.charAt(0))) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

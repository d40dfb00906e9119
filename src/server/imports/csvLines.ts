// Which line of a CSV file a row starts on. csv-parse reports the line a row ENDS on (and counts a
// CRLF inside a quoted value as two lines), so a refusal of a row whose address spans three lines
// would name its last line; and asking it for that (`info: true`) doubles the time it takes to parse.
// Instead: with empty lines kept as rows, each row takes one line, plus one for every line end
// inside its values (a quoted address with line breaks), so counting the values' line ends is enough.

export class CsvLineCounter {
  /** The line the next row starts on. */
  private next = 1;

  /** The line the row just read starts on; call for every row, empty ones included, in order. */
  row(values: readonly string[]): number {
    const line = this.next;
    this.next += 1;
    for (const value of values) {
      if (value.length > 0 && (value.includes('\n') || value.includes('\r'))) {
        this.next += lineEndsIn(value);
      }
    }
    return line;
  }

  /** The line where the row being read starts: where the parser stopped in it. */
  get nextRowLine(): number {
    return this.next;
  }
}

/** "\n", "\r\n" and a lone "\r" (old Mac files) each end a line. */
function lineEndsIn(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code === 0x0a) count += 1;
    else if (code === 0x0d && value.charCodeAt(i + 1) !== 0x0a) count += 1;
  }
  return count;
}

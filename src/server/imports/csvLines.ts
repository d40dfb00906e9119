// Which line of a CSV file a row starts on. csv-parse reports the line a row ENDS on (and counts a
// CRLF inside a quoted value as two lines), so a refusal of a row whose address spans three lines
// would name its last line. This counts the line ends itself in the text fed to the parser, up to
// where each row ends (the parser's `info.bytes`, in UTF-8 bytes), holding only the bytes not yet
// counted. A line end is one byte ("\n", "\r") whatever else the line holds, so bytes will do.

export class CsvLineCounter {
  /** Bytes fed to the parser and not yet counted, oldest first. */
  private chunks: Uint8Array[] = [];
  /** Offset (in bytes of the whole text) of chunks[0][0]. */
  private chunkStart = 0;
  /** How far the text has been counted: offset, and the line ends before it. */
  private countedTo = 0;
  private lineEndsBefore = 0;
  /** Empty lines the parser had skipped when the last row ended. */
  private emptyLinesBefore = 0;

  /** Remembers the bytes written to the parser; call in the same order. */
  fed(bytes: Uint8Array): void {
    if (bytes.length > 0) this.chunks.push(bytes);
  }

  /**
   * The line the next row starts on, given how many empty lines the parser has skipped so far
   * (`info.empty_lines` of that row, or of the error that stopped it): after the last row, and
   * after the empty lines skipped since.
   */
  nextRowLine(emptyLines: number): number {
    return this.lineEndsBefore + 1 + Math.max(0, emptyLines - this.emptyLinesBefore);
  }

  /** Counts the line ends up to `endOffset`, the parser's `info.bytes` once a row has ended. */
  rowEnded(endOffset: number, emptyLines: number): void {
    while (this.countedTo < endOffset && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const from = this.countedTo - this.chunkStart;
      const to = Math.min(chunk.length, endOffset - this.chunkStart);
      for (let i = from; i < to; i += 1) {
        const code = chunk[i];
        // "\n" ends a line; so does a "\r" that no "\n" follows (old Mac files). A "\r" at the end
        // of a chunk counts only if the next chunk does not open with "\n".
        if (code === 0x0a) this.lineEndsBefore += 1;
        else if (code === 0x0d) {
          const next = i + 1 < chunk.length ? chunk[i + 1] : this.chunks[1]?.[0];
          if (next !== 0x0a) this.lineEndsBefore += 1;
        }
      }
      this.countedTo = this.chunkStart + to;
      if (to === chunk.length) {
        this.chunks.shift();
        this.chunkStart += chunk.length;
      }
    }
    this.emptyLinesBefore = emptyLines;
  }
}

// Markdown tables laid out the way Prettier formats them, so a generated page passes `prettier --check`
// unchanged and the docs test can compare it byte for byte.

/** A table with every column padded to its widest cell (at least three, for the `---` rule). */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  for (const row of [header, ...rows]) {
    for (const cell of row) {
      // Cells are generated from word lists; anything Markdown would read as syntax is a bug there.
      if (/[|\n]/.test(cell))
        throw new Error(`A table cell cannot hold "|" or a line break: ${cell}`);
    }
  }
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

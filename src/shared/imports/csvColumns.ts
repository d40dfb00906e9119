// The columns of the patron and item CSV files, and how a file's header row is read: the delimiter
// (comma or semicolon, whichever the header uses) and the names, which must be known and complete.
import type { ImportRefusal } from '../api/imports.ts';

export const PATRON_COLUMNS = [
  'barcode',
  'name',
  'patron_type',
  'home_branch',
  'expires_on',
  'email',
  'phone',
  'address',
  'blocked_reason',
] as const;
export const REQUIRED_PATRON_COLUMNS = ['barcode', 'name', 'patron_type', 'home_branch'] as const;

export const ITEM_COLUMNS = [
  'barcode',
  'title',
  'author',
  'call_number',
  'material_type',
  'branch',
  'status',
] as const;
export const REQUIRED_ITEM_COLUMNS = ['barcode', 'title', 'material_type', 'branch'] as const;

export type CsvKind = 'patrons' | 'items';

const COLUMNS: Record<CsvKind, readonly string[]> = {
  patrons: PATRON_COLUMNS,
  items: ITEM_COLUMNS,
};
const REQUIRED: Record<CsvKind, readonly string[]> = {
  patrons: REQUIRED_PATRON_COLUMNS,
  items: REQUIRED_ITEM_COLUMNS,
};

/** Comma or semicolon: whichever appears more often outside quotes in the header line. */
export function pickDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === ',') commas += 1;
    else if (!quoted && character === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** A header's names as the rows are keyed: trimmed and lower-cased. */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

/** The header's problems (unknown, repeated or missing columns), each on line 1; none when it is fine. */
export function checkHeader(kind: CsvKind, names: readonly string[]): ImportRefusal[] {
  const known = COLUMNS[kind];
  const problems: ImportRefusal[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = normalizeColumnName(raw);
    if (!known.includes(name)) {
      problems.push({
        line: 1,
        field: raw.slice(0, 40),
        reason: `"${raw.slice(0, 40)}" is not a column of a ${kind} file. The columns are: ${known.join(', ')}. Rename or remove it.`,
      });
    } else if (seen.has(name)) {
      problems.push({
        line: 1,
        field: name,
        reason: `The column ${name} appears twice in the header: keep one.`,
      });
    }
    seen.add(name);
  }
  for (const name of REQUIRED[kind]) {
    if (!seen.has(name)) {
      problems.push({
        line: 1,
        field: name,
        reason: `The header has no ${name} column, which every ${kind} file needs. The first line must name the columns, e.g. ${REQUIRED[kind].join(',')}.`,
      });
    }
  }
  return problems;
}

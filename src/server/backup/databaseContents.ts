// What a database holds, table by table: a restore replaces everything, so it first looks whether
// there is anything to lose, and says what in the librarian's words ("1,234 loans").
import { formatCount } from './backupFiles.ts';

/**
 * Tables that hold rows in a database nobody has used yet: migrations' own bookkeeping, and the
 * library settings row the first migration creates. Rows only here mean "empty".
 */
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([
  'kysely_migration',
  'kysely_migration_lock',
  'library_settings',
]);

/** Rows per table, for the tables that have any (bookkeeping tables left out). */
export type DatabaseContents = ReadonlyMap<string, number>;

/** Named first when a database is described: what a librarian would miss. */
const MAIN_TABLES = ['loans', 'patrons', 'items', 'offline_transactions', 'holds', 'staff_users'];

/** How many tables are named before the rest is summed up. */
const TABLES_NAMED = 4;

/** "loans" → "1 loan", "branches" → "1 branch": table names are plurals in Circa. */
function rowsName(table: string, count: number): string {
  const words = table.replace(/_/g, ' ');
  // A table named in the singular (audit_log) counts its rows.
  if (!words.endsWith('s')) return `${words} ${count === 1 ? 'row' : 'rows'}`;
  if (count !== 1) return words;
  if (/(ch|sh|ss|x)es$/.test(words)) return words.slice(0, -2);
  return words.slice(0, -1);
}

export function isEmptyDatabase(contents: DatabaseContents): boolean {
  return contents.size === 0;
}

/** e.g. "1,234 loans, 56 patrons, 300 items, 2 offline transactions and 14 more rows in 5 other tables" */
/** Where a table comes when a database is described: the main tables first, in their order. */
function tableOrder(table: string): number {
  const main = MAIN_TABLES.indexOf(table);
  return main === -1 ? MAIN_TABLES.length : main;
}

export function describeContents(contents: DatabaseContents): string {
  const tables = [...contents.entries()].toSorted(
    ([a, countA], [b, countB]) =>
      tableOrder(a) - tableOrder(b) || countB - countA || a.localeCompare(b),
  );
  const named = tables
    .slice(0, TABLES_NAMED)
    .map(([table, count]) => `${formatCount(count)} ${rowsName(table, count)}`);
  const rest = tables.slice(TABLES_NAMED);
  if (rest.length > 0) {
    const rows = rest.reduce((sum, [, count]) => sum + count, 0);
    const other = rest.length === 1 ? '1 other table' : `${rest.length} other tables`;
    named.push(`${formatCount(rows)} more ${rows === 1 ? 'row' : 'rows'} in ${other}`);
  }
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** The refusal of a restore over a database that holds a library. */
export function notEmptyMessage(contents: DatabaseContents): string {
  return (
    `Nothing was changed: the database holds ${describeContents(contents)}; restoring would ` +
    `replace them. Back it up first if it may be needed (circa backup FILE), then pass --force ` +
    `to replace it.`
  );
}

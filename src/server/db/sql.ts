// Set-based writes for uploads and processing: many rows per statement, the same SQL on SQLite and
// PostgreSQL, so a batch costs a handful of round trips instead of several per transaction. The
// statements are written as text with placeholders: building a 30,000-value statement through
// Kysely's query builder costs more than the database takes to run it.
import { CompiledQuery, sql, type Transaction } from 'kysely';
import type { Engine } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { chunked, rowsPerStatement } from './batching.ts';

export type SqlValueType = 'text' | 'bigint' | 'integer';
export type SqlValue = string | number | null;

export interface ValuesColumn {
  name: string;
  type: SqlValueType;
}

type Trx = Transaction<Database>;

/** `"name"`: the identifiers here are our own column names, never input. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Rows of placeholders, `(?, ?), (?, ?)` on SQLite and `($1, $2), ($3, $4)` on PostgreSQL. */
function valueRows(engine: Engine, rowCount: number, columnCount: number): string {
  const rows: string[] = [];
  let next = 1;
  for (let r = 0; r < rowCount; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columnCount; c++) cells.push(engine === 'postgres' ? `$${next++}` : '?');
    rows.push(`(${cells.join(', ')})`);
  }
  return rows.join(', ');
}

export interface InsertRowsProps {
  trx: Trx;
  engine: Engine;
  table: keyof Database;
  columns: readonly ValuesColumn[];
  /** One value per column, in `columns` order. */
  rows: readonly (readonly SqlValue[])[];
  /** Appended to each statement, e.g. `on conflict (id) do nothing returning id`. */
  suffix?: string;
}

/** Rows per statement when PostgreSQL receives one array per column (bounds memory, not params). */
const POSTGRES_ROWS_PER_ARRAY_STATEMENT = 20_000;

/**
 * INSERT in as few statements as possible; returns the RETURNING rows. PostgreSQL gets one array
 * per column (unnest): parsing 60,000 separate parameters costs it more than the insert itself.
 */
export async function insertRows<R = unknown>(props: InsertRowsProps): Promise<R[]> {
  const { trx, engine, table, columns, rows } = props;
  const returned: R[] = [];
  const names = columns.map((c) => quoted(c.name)).join(', ');
  const suffix = props.suffix ? ` ${props.suffix}` : '';
  if (engine === 'postgres') {
    const arrays = columns.map((c, index) => `$${index + 1}::${c.type}[]`).join(', ');
    const text = `insert into ${quoted(table)} (${names}) select * from unnest(${arrays})${suffix}`;
    for (const chunk of chunked(rows, POSTGRES_ROWS_PER_ARRAY_STATEMENT)) {
      const result = await trx.executeQuery<R>(
        CompiledQuery.raw(text, columnArrays(chunk, columns.length)),
      );
      returned.push(...result.rows);
    }
    return returned;
  }
  const head = `insert into ${quoted(table)} (${names}) values `;
  for (const chunk of chunked(rows, rowsPerStatement(engine, columns.length))) {
    const text = `${head}${valueRows(engine, chunk.length, columns.length)}${suffix}`;
    const result = await trx.executeQuery<R>(CompiledQuery.raw(text, chunk.flat()));
    returned.push(...result.rows);
  }
  return returned;
}

/** Rows turned into one array per column. */
function columnArrays(rows: readonly (readonly SqlValue[])[], columnCount: number): SqlValue[][] {
  const arrays: SqlValue[][] = Array.from({ length: columnCount }, () => []);
  for (const row of rows) for (let c = 0; c < columnCount; c++) arrays[c]!.push(row[c] ?? null);
  return arrays;
}

export interface UpdateFromValuesProps {
  trx: Trx;
  engine: Engine;
  table: keyof Database;
  /** Matches each incoming row to the table row to change. */
  key: ValuesColumn;
  /** The columns to set, in the order their values follow the key in each row. */
  set: readonly ValuesColumn[];
  /** [key, ...set values] per row. */
  rows: readonly (readonly SqlValue[])[];
  /** Further condition on the table row (SQL text), e.g. that a loan is still open. */
  onlyWhere?: string;
}

/**
 * UPDATE table SET … FROM (the incoming rows) WHERE table.key = incoming.key; returns rows changed.
 * PostgreSQL receives one typed array per column; SQLite a VALUES list.
 */
export async function updateFromValues(props: UpdateFromValuesProps): Promise<number> {
  const { trx, engine, table, key, set, rows } = props;
  const columns = [key, ...set];
  const assignments = set.map((c) => `${quoted(c.name)} = incoming.${quoted(c.name)}`).join(', ');
  const where =
    `where ${quoted(table)}.${quoted(key.name)} = incoming.${quoted(key.name)}` +
    (props.onlyWhere ? ` and ${props.onlyWhere}` : '');
  let changed = 0;
  if (engine === 'postgres') {
    const arrays = columns.map((c, index) => `$${index + 1}::${c.type}[]`).join(', ');
    const aliases = columns.map((c) => quoted(c.name)).join(', ');
    const text = `update ${quoted(table)} set ${assignments} from unnest(${arrays}) as incoming(${aliases}) ${where}`;
    for (const chunk of chunked(rows, POSTGRES_ROWS_PER_ARRAY_STATEMENT)) {
      const result = await trx.executeQuery(
        CompiledQuery.raw(text, columnArrays(chunk, columns.length)),
      );
      changed += Number(result.numAffectedRows ?? 0);
    }
    return changed;
  }
  // SQLite names the columns of a VALUES list column1, column2, …
  const selectList = columns
    .map((c, index) => `cast(column${index + 1} as ${c.type}) as ${quoted(c.name)}`)
    .join(', ');
  for (const chunk of chunked(rows, rowsPerStatement(engine, columns.length))) {
    const text =
      `update ${quoted(table)} set ${assignments} from (select ${selectList} from (values ` +
      `${valueRows(engine, chunk.length, columns.length)}) as incoming_values) as incoming ${where}`;
    const result = await trx.executeQuery(CompiledQuery.raw(text, chunk.flat()));
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}

/**
 * Reserves `count` new loan ids, so a batch can insert its loans in one statement and still know
 * which transaction made which loan (neither engine promises RETURNING order for a multi-row insert).
 * On PostgreSQL they come from the loans' identity sequence, shared with online check-outs. On
 * SQLite the batch holds the only write lock, so the ids after the highest ever used are free.
 */
export async function reserveLoanIds(trx: Trx, engine: Engine, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (engine === 'postgres') {
    const result = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence('loans', 'id'))::integer as id
      from generate_series(1, ${count})`.execute(trx);
    return result.rows.map((row) => row.id);
  }
  // AUTOINCREMENT never reuses an id, not even a deleted one: start past sqlite_sequence too.
  const result = await sql<{ top: number | null }>`select max(
      coalesce((select max(id) from loans), 0),
      coalesce((select seq from sqlite_sequence where name = 'loans'), 0)) as top`.execute(trx);
  const top = Number(result.rows[0]?.top ?? 0);
  return Array.from({ length: count }, (_, index) => top + index + 1);
}

// Set-based statements for large uploads and processing batches: how many rows fit in one
// statement on each engine, and which engine a Kysely instance talks to.
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Engine } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/** SQLite's SQLITE_MAX_VARIABLE_NUMBER (the default since 3.32). */
const SQLITE_MAX_BOUND_PARAMETERS = 32_766;
/** PostgreSQL's wire protocol carries the parameter count in 16 bits. */
const POSTGRES_MAX_BOUND_PARAMETERS = 65_535;

export function engineOfDb(db: Kysely<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Most rows of `columnsPerRow` bound values that one statement may carry on this engine. */
export function rowsPerStatement(engine: Engine, columnsPerRow: number): number {
  const limit = engine === 'postgres' ? POSTGRES_MAX_BOUND_PARAMETERS : SQLITE_MAX_BOUND_PARAMETERS;
  return Math.max(1, Math.floor(limit / columnsPerRow));
}

/** Splits `values` into consecutive slices of at most `size`. */
export function chunked<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) {
    chunks.push(values.slice(start, start + size));
  }
  return chunks;
}

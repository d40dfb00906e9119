// Set-based statements for large uploads, processing batches and the demo library: how many rows
// fit in one statement on each engine, and slicing rows to fit.
import type { Engine } from './connect.ts';

/** SQLite's SQLITE_MAX_VARIABLE_NUMBER (the default since 3.32). */
const SQLITE_MAX_BOUND_PARAMETERS = 32_766;
/** PostgreSQL's wire protocol carries the parameter count in 16 bits. */
const POSTGRES_MAX_BOUND_PARAMETERS = 65_535;

/** Most bound values one statement may carry on this engine. */
export function maxBoundParameters(engine: Engine): number {
  return engine === 'postgres' ? POSTGRES_MAX_BOUND_PARAMETERS : SQLITE_MAX_BOUND_PARAMETERS;
}

/** Most rows of `columnsPerRow` bound values that one statement may carry on this engine. */
export function rowsPerStatement(engine: Engine, columnsPerRow: number): number {
  return Math.max(1, Math.floor(maxBoundParameters(engine) / columnsPerRow));
}

/** Splits `values` into consecutive slices of at most `size`. */
export function chunked<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) {
    chunks.push(values.slice(start, start + size));
  }
  return chunks;
}

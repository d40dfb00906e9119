// The floor: the loan rows Circa's path produced, written into a second copy of the same library by
// plain SQL in one database transaction — an UPDATE closing each loan that was open before the
// outage, then multi-row INSERTs of the new loans. No lookups, no rules, no outcomes: what the
// hardware allows for the same end state of the loans table.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';

type Row = [number, number, number, number, number | null, number, number | null, number | null];
const COLUMNS = [
  'item_id',
  'patron_id',
  'checked_out_at',
  'due_at',
  'returned_at',
  'branch_id',
  'staff_user_id',
  'workstation_id',
] as const;
const PG_TYPES = ['int', 'int', 'int8', 'int8', 'int8', 'int', 'int', 'int'];
/** 8 values a row: 500 rows stay far under SQLite's 32,766 bound values. */
const SQLITE_ROWS_PER_INSERT = 500;
const PG_ROWS_PER_INSERT = 20_000;

export interface FloorLoans {
  /** The offline loans, in id order. */
  rows: Row[];
  /** Loans open before the outage that the offline transactions checked in: [id, returned_at]. */
  closed: [number, number][];
}

/** The loans open now: the ones offline transactions may check in. */
export async function openLoanIds(db: Kysely<Database>): Promise<Set<number>> {
  const rows = await db.selectFrom('loans').select('id').where('returned_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** What Circa's path left in the loans table, to write again by plain SQL. */
export async function readFloorLoans(
  db: Kysely<Database>,
  openBefore: ReadonlySet<number>,
): Promise<FloorLoans> {
  const offline = await db
    .selectFrom('loans')
    .select([...COLUMNS])
    .where('source', '=', 'offline')
    .orderBy('id')
    .execute();
  const closed = await db
    .selectFrom('loans')
    .select(['id', 'returned_at'])
    .where('source', '!=', 'offline')
    .where('returned_at', 'is not', null)
    .execute();
  return {
    rows: offline.map((l) => [
      l.item_id,
      l.patron_id,
      Number(l.checked_out_at),
      Number(l.due_at),
      l.returned_at === null ? null : Number(l.returned_at),
      l.branch_id,
      l.staff_user_id,
      l.workstation_id,
    ]),
    closed: closed.filter((l) => openBefore.has(l.id)).map((l) => [l.id, Number(l.returned_at)]),
  };
}

/** Writes the loans in one transaction; resolves after the commit. Returns seconds taken. */
export async function writeFloorLoans(
  db: Kysely<Database>,
  engine: Engine,
  loans: FloorLoans,
): Promise<number> {
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    // First, so an item's old loan is closed before its new one is written.
    for (const [id, returnedAt] of loans.closed) {
      await sql`update loans set returned_at = ${returnedAt} where id = ${id}`.execute(trx);
    }
    const names = `${COLUMNS.join(', ')}, source`;
    if (engine === 'postgres') {
      const arrays = PG_TYPES.map((type, c) => `$${c + 1}::${type}[]`).join(', ');
      const text = `insert into loans (${names}) select *, 'offline' from unnest(${arrays})`;
      for (let start = 0; start < loans.rows.length; start += PG_ROWS_PER_INSERT) {
        const chunk = loans.rows.slice(start, start + PG_ROWS_PER_INSERT);
        const columns = COLUMNS.map((_, c) => chunk.map((row) => row[c]));
        await trx.executeQuery(CompiledQuery.raw(text, columns));
      }
    } else {
      const placeholders = `(${COLUMNS.map(() => '?').join(', ')}, 'offline')`;
      for (let start = 0; start < loans.rows.length; start += SQLITE_ROWS_PER_INSERT) {
        const chunk = loans.rows.slice(start, start + SQLITE_ROWS_PER_INSERT);
        const text = `insert into loans (${names}) values ${chunk.map(() => placeholders).join(', ')}`;
        await trx.executeQuery(CompiledQuery.raw(text, chunk.flat()));
      }
    }
  });
  return (performance.now() - started) / 1000;
}

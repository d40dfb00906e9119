// The floor for the whole-desk mix: the end state Circa's path left in the circulation tables,
// written into a second copy of the same library by plain set-based SQL in one transaction: the
// new patrons, the new loans, the changes to loans open before the outage (returned, renewed), the
// renewal rows, the holds trapped or sent in transit, the transits, and the items' new statuses.
// No lookups, no rules, no outcomes, no offline_transactions rows: what the engine allows for the
// same end state.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Engine } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';

type Value = number | string | null;
type PgType = 'int' | 'int8' | 'text';
type Columns = readonly (readonly [name: string, pgType: PgType])[];

const PATRON_COLUMNS: Columns = [
  ['id', 'int'],
  ['barcode', 'text'],
  ['name', 'text'],
  ['patron_type_id', 'int'],
  ['home_branch_id', 'int'],
  ['expires_on', 'text'],
  ['block_reason', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['address', 'text'],
];
const LOAN_COLUMNS: Columns = [
  ['id', 'int'],
  ['item_id', 'int'],
  ['patron_id', 'int'],
  ['checked_out_at', 'int8'],
  ['due_at', 'int8'],
  ['returned_at', 'int8'],
  ['branch_id', 'int'],
  ['staff_user_id', 'int'],
  ['workstation_id', 'int'],
  ['source', 'text'],
  ['renewal_count', 'int'],
];
const LOAN_CHANGE_COLUMNS: Columns = [
  ['id', 'int'],
  ['due_at', 'int8'],
  ['returned_at', 'int8'],
  ['renewal_count', 'int'],
];
const RENEWAL_COLUMNS: Columns = [
  ['loan_id', 'int'],
  ['renewed_at', 'int8'],
  ['previous_due_at', 'int8'],
  ['due_at', 'int8'],
  ['staff_user_id', 'int'],
  ['workstation_id', 'int'],
  ['source', 'text'],
  ['overridden_code', 'text'],
  ['override_reason', 'text'],
];
const HOLD_CHANGE_COLUMNS: Columns = [
  ['id', 'int'],
  ['status', 'text'],
  ['trapped_item_id', 'int'],
  ['trapped_at', 'int8'],
  ['shelf_expires_on', 'text'],
  ['ended_at', 'int8'],
  ['ended_by', 'int'],
  ['fulfilled_loan_id', 'int'],
];
const TRANSIT_COLUMNS: Columns = [
  ['item_id', 'int'],
  ['from_branch_id', 'int'],
  ['to_branch_id', 'int'],
  ['reason', 'text'],
  ['hold_id', 'int'],
  ['sent_at', 'int8'],
  ['sent_by', 'int'],
  ['received_at', 'int8'],
  ['received_by', 'int'],
];
const ITEM_CHANGE_COLUMNS: Columns = [
  ['id', 'int'],
  ['status', 'text'],
  ['in_house_uses', 'int'],
];

/** SQLite binds at most 32,766 values a statement; PostgreSQL's unnest takes one array a column. */
const SQLITE_VALUES_PER_STATEMENT = 32_000;
const PG_ROWS_PER_STATEMENT = 20_000;

/** The library before Circa's path ran: what it changes is told apart from what was there. */
export interface DeskBefore {
  maxPatronId: number;
  maxLoanId: number;
  maxRenewalId: number;
  maxTransitId: number;
  openLoans: Map<number, string>;
  holds: Map<number, string>;
  items: Map<number, string>;
}

export interface DeskFloor {
  patrons: Value[][];
  loans: Value[][];
  loanChanges: Value[][];
  renewals: Value[][];
  holdChanges: Value[][];
  transits: Value[][];
  itemChanges: Value[][];
}

const key = (row: Record<string, unknown>, columns: Columns) =>
  JSON.stringify(columns.map(([name]) => row[name] ?? null));

function valuesOf(row: Record<string, unknown>, columns: Columns): Value[] {
  return columns.map(([name, type]) => {
    const v = row[name] ?? null;
    return v === null ? null : type === 'text' ? String(v) : Number(v);
  });
}

async function maxId(
  db: Kysely<Database>,
  table: 'patrons' | 'loans' | 'renewals' | 'transits',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | string | null>('id').as('max'))
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0);
}

export async function readDeskBefore(db: Kysely<Database>): Promise<DeskBefore> {
  const openLoans = await db
    .selectFrom('loans')
    .selectAll()
    .where('returned_at', 'is', null)
    .execute();
  const holds = await db.selectFrom('holds').selectAll().execute();
  const items = await db.selectFrom('items').selectAll().execute();
  return {
    maxPatronId: await maxId(db, 'patrons'),
    maxLoanId: await maxId(db, 'loans'),
    maxRenewalId: await maxId(db, 'renewals'),
    maxTransitId: await maxId(db, 'transits'),
    openLoans: new Map(openLoans.map((l) => [l.id, key(l, LOAN_CHANGE_COLUMNS)])),
    holds: new Map(holds.map((h) => [h.id, key(h, HOLD_CHANGE_COLUMNS)])),
    items: new Map(items.map((i) => [i.id, key(i, ITEM_CHANGE_COLUMNS)])),
  };
}

/** The rows of `rows` that differ from what they were, as the floor writes them. */
function changed<R extends { id: number }>(
  rows: R[],
  was: Map<number, string>,
  c: Columns,
): Value[][] {
  return rows
    .filter((r) => was.has(r.id) && was.get(r.id) !== key(r, c))
    .map((r) => valuesOf(r, c));
}

/** What Circa's path changed since `before`, to write again by plain SQL. */
export async function readDeskFloor(db: Kysely<Database>, before: DeskBefore): Promise<DeskFloor> {
  const patrons = await db
    .selectFrom('patrons')
    .selectAll()
    .where('id', '>', before.maxPatronId)
    .orderBy('id')
    .execute();
  const loans = await db.selectFrom('loans').selectAll().orderBy('id').execute();
  const renewals = await db
    .selectFrom('renewals')
    .selectAll()
    .where('id', '>', before.maxRenewalId)
    .orderBy('id')
    .execute();
  const transits = await db
    .selectFrom('transits')
    .selectAll()
    .where('id', '>', before.maxTransitId)
    .orderBy('id')
    .execute();
  const holds = await db.selectFrom('holds').selectAll().execute();
  const items = await db.selectFrom('items').selectAll().execute();
  return {
    patrons: patrons.map((p) => valuesOf(p, PATRON_COLUMNS)),
    loans: loans.filter((l) => l.id > before.maxLoanId).map((l) => valuesOf(l, LOAN_COLUMNS)),
    loanChanges: changed(loans, before.openLoans, LOAN_CHANGE_COLUMNS),
    renewals: renewals.map((r) => valuesOf(r, RENEWAL_COLUMNS)),
    holdChanges: changed(holds, before.holds, HOLD_CHANGE_COLUMNS),
    transits: transits.map((t) => valuesOf(t, TRANSIT_COLUMNS)),
    itemChanges: changed(items, before.items, ITEM_CHANGE_COLUMNS),
  };
}

/** Rows the floor writes, each insert or update counted once. */
export function deskFloorRows(floor: DeskFloor): number {
  return Object.values(floor).reduce((sum, rows) => sum + rows.length, 0);
}

/** Writes the end state in one transaction; resolves after the commit. Returns seconds taken. */
export async function writeDeskFloor(
  db: Kysely<Database>,
  engine: Engine,
  floor: DeskFloor,
): Promise<number> {
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    const write = (text: string, parameters: Value[]) =>
      trx.executeQuery(CompiledQuery.raw(text, parameters));
    // Patrons before the loans on their cards; an item's old loan closed before its new one is
    // written (one open loan an item); loans before the renewals and holds that name them.
    for (const statement of inserts(engine, 'patrons', PATRON_COLUMNS, floor.patrons)) {
      await write(...statement);
    }
    for (const statement of updates(engine, 'loans', LOAN_CHANGE_COLUMNS, floor.loanChanges)) {
      await write(...statement);
    }
    for (const statement of inserts(engine, 'loans', LOAN_COLUMNS, floor.loans)) {
      await write(...statement);
    }
    for (const statement of inserts(engine, 'renewals', RENEWAL_COLUMNS, floor.renewals)) {
      await write(...statement);
    }
    for (const statement of updates(engine, 'holds', HOLD_CHANGE_COLUMNS, floor.holdChanges)) {
      await write(...statement);
    }
    for (const statement of inserts(engine, 'transits', TRANSIT_COLUMNS, floor.transits)) {
      await write(...statement);
    }
    for (const statement of updates(engine, 'items', ITEM_CHANGE_COLUMNS, floor.itemChanges)) {
      await write(...statement);
    }
  });
  return (performance.now() - started) / 1000;
}

type Statement = [text: string, parameters: Value[]];

function chunks(engine: Engine, columns: Columns, rows: Value[][]): Value[][][] {
  const size =
    engine === 'postgres'
      ? PG_ROWS_PER_STATEMENT
      : Math.floor(SQLITE_VALUES_PER_STATEMENT / columns.length);
  const out: Value[][][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

/** SQLite: multi-row VALUES; PostgreSQL: one array a column, unnest. */
function source(engine: Engine, columns: Columns, chunk: Value[][]): Statement {
  if (engine === 'postgres') {
    const arrays = columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(', ');
    const names = columns.map(([name]) => name).join(', ');
    return [
      `unnest(${arrays}) as v(${names})`,
      columns.map((_, c) => chunk.map((row) => row[c]!)) as unknown as Value[],
    ];
  }
  const row = `(${columns.map(() => '?').join(', ')})`;
  const names = columns.map(([name], c) => `column${c + 1} as ${name}`).join(', ');
  return [`(select ${names} from (values ${chunk.map(() => row).join(', ')})) as v`, chunk.flat()];
}

function inserts(engine: Engine, table: string, columns: Columns, rows: Value[][]): Statement[] {
  const names = columns.map(([name]) => name).join(', ');
  return chunks(engine, columns, rows).map((chunk) => {
    const [from, parameters] = source(engine, columns, chunk);
    return [`insert into ${table} (${names}) select ${names} from ${from}`, parameters];
  });
}

/** The first column is the key; the others are set. */
function updates(engine: Engine, table: string, columns: Columns, rows: Value[][]): Statement[] {
  const [keyColumn, ...set] = columns.map(([name]) => name);
  return chunks(engine, columns, rows).map((chunk) => {
    const [from, parameters] = source(engine, columns, chunk);
    return [
      `update ${table} set ${set.map((c) => `${c} = v.${c}`).join(', ')} from ${from} where ${table}.${keyColumn} = v.${keyColumn}`,
      parameters,
    ];
  });
}

// What differs between importing patrons and importing items: how a row is mapped, how the stored
// rows are found, and how one is written. previewImport.ts and applyImport.ts work on either.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { BarcodeKind } from '../../shared/barcodes/barcodes.ts';
import {
  mapItemRow,
  resolveItem,
  sameItem,
  type ItemCandidate,
  type ItemRecord,
} from '../../shared/imports/itemRows.ts';
import {
  mapPatronRow,
  resolvePatron,
  samePatron,
  type PatronCandidate,
  type PatronRecord,
} from '../../shared/imports/patronRows.ts';
import type { CodeTable, Mapped } from '../../shared/imports/rowFields.ts';
import { localDate } from '../../shared/calendar/localTime.ts';
import { newCardExpiry } from '../../shared/patrons/cardExpiry.ts';
import { engineOf } from '../db/connect.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { Database } from '../db/schema.ts';
import type { ImportEntry } from './importEntries.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ImportTarget<C extends { barcode: string }, R extends { barcode: string }> {
  barcodeKind: BarcodeKind;
  map(entry: Extract<ImportEntry, { row: unknown }>): Mapped<C>;
  stored(db: Db, barcodes: readonly string[]): Promise<Map<string, R>>;
  resolve(candidate: C, stored: R | null): R;
  same(a: R, b: R): boolean;
  /**
   * Stores the rows an import staged to create or update, with barcodes after `after` and up to
   * `upTo` (to the end when null), in one INSERT … SELECT from import_rows that updates a barcode
   * already stored: the staged JSON goes from table to table without a trip through JavaScript.
   * Returns how many rows it wrote.
   */
  applyStaged(db: Db, range: StagedRange): Promise<number>;
}

/** A slice of an import's staged rows, along their primary key (import_id, barcode). */
export interface StagedRange {
  importId: number;
  after: string;
  upTo: string | null;
}

/** A column of the staged JSON as the target table's column, and its type for PostgreSQL. */
interface StagedColumn {
  name: string;
  pgType: 'text' | 'integer';
}

/**
 * `insert into <table> (<columns>) select … from import_rows … on conflict (barcode) do update set
 * <updates>`. SQLite reads each value with json_extract (it keeps the parsed JSON of the row for the
 * next call); PostgreSQL parses each row's JSON once with json_to_record.
 */
async function insertStaged(
  db: Db,
  table: 'patrons' | 'items',
  columns: readonly StagedColumn[],
  updates: RawBuilder<unknown>,
  range: StagedRange,
): Promise<number> {
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const postgres = engineOf(db) === 'postgres';
  const values = postgres
    ? sql.join(columns.map((c) => sql.ref(`d.${c.name}`)))
    : sql.join(columns.map((c) => sql`json_extract(r.data, ${`$.${c.name}`})`));
  const from = postgres
    ? sql`import_rows r cross join lateral json_to_record(r.data::json) as d(${sql.raw(
        columns.map((c) => `"${c.name}" ${c.pgType}`).join(', '),
      )})`
    : sql`import_rows r`;
  const result = await sql`
    insert into ${sql.table(table)} (${names})
    select ${values} from ${from}
    where r.import_id = ${range.importId} and r.action in ('create', 'update')
      and r.barcode > ${range.after} ${range.upTo === null ? sql`` : sql`and r.barcode <= ${range.upTo}`}
    order by r.barcode
    on conflict (barcode) do update set ${updates}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export type AnyImportTarget = ImportTarget<{ barcode: string }, { barcode: string }>;

function codeTable<T extends { id: number }>(label: string, rows: (T & { code: string })[]) {
  return { label, byCode: new Map(rows.map((row) => [row.code, row])) } satisfies CodeTable<T>;
}

export async function patronTarget(
  db: Kysely<Database>,
  now: number,
): Promise<ImportTarget<PatronCandidate, PatronRecord>> {
  const { barcodeRules } = await getLibrarySettings(db);
  const branches = await db.selectFrom('branches').select(['id', 'code', 'time_zone']).execute();
  const patronTypes = await db
    .selectFrom('patron_types')
    .select(['id', 'code', 'card_months as cardMonths'])
    .execute();
  // A new card runs from today at the patron's home branch.
  const todayAt = new Map(branches.map((b) => [b.id, localDate(now, b.time_zone)]));
  // The desk's rule, worked out once per day and card period rather than once per row.
  const newCards = new Map<string, string>();
  const newCard = (today: string, cardMonths: number) => {
    const key = `${today}+${cardMonths}`;
    let expiry = newCards.get(key);
    if (expiry === undefined) newCards.set(key, (expiry = newCardExpiry(today, cardMonths)));
    return expiry;
  };
  const ctx = {
    rules: barcodeRules,
    patronTypes: codeTable('patron type', patronTypes),
    branches: codeTable('branch', branches),
    today: localDate(now, 'UTC'),
  };
  return {
    barcodeKind: 'patron',
    map: (entry) => mapPatronRow(entry.row, ctx),
    async stored(into, barcodes) {
      const rows = await into
        .selectFrom('patrons')
        .select([
          'barcode',
          'name',
          'patron_type_id',
          'home_branch_id',
          'expires_on',
          'block_reason',
          'email',
          'phone',
          'address',
        ])
        .where('barcode', 'in', barcodes)
        .execute();
      return new Map(rows.map((row) => [row.barcode, row]));
    },
    resolve: (candidate, stored) =>
      resolvePatron(candidate, stored, todayAt.get(candidate.home_branch_id) ?? ctx.today, newCard),
    same: samePatron,
    applyStaged: (into, range) =>
      insertStaged(
        into,
        'patrons',
        [
          { name: 'barcode', pgType: 'text' },
          { name: 'name', pgType: 'text' },
          { name: 'patron_type_id', pgType: 'integer' },
          { name: 'home_branch_id', pgType: 'integer' },
          { name: 'expires_on', pgType: 'text' },
          { name: 'block_reason', pgType: 'text' },
          { name: 'email', pgType: 'text' },
          { name: 'phone', pgType: 'text' },
          { name: 'address', pgType: 'text' },
        ],
        sql`name = excluded.name, patron_type_id = excluded.patron_type_id,
          home_branch_id = excluded.home_branch_id, expires_on = excluded.expires_on,
          block_reason = excluded.block_reason, email = excluded.email, phone = excluded.phone,
          address = excluded.address`,
        range,
      ),
  };
}

export async function itemTarget(
  db: Kysely<Database>,
): Promise<ImportTarget<ItemCandidate, ItemRecord>> {
  const { barcodeRules } = await getLibrarySettings(db);
  const branches = await db.selectFrom('branches').select(['id', 'code']).execute();
  const materialTypes = await db.selectFrom('material_types').select(['id', 'code']).execute();
  const ctx = {
    rules: barcodeRules,
    materialTypes: codeTable('material type', materialTypes),
    branches: codeTable('branch', branches),
  };
  return {
    barcodeKind: 'item',
    map: (entry) => mapItemRow(entry.row, ctx, entry.names),
    async stored(into, barcodes) {
      const rows = await into
        .selectFrom('items')
        .select([
          'barcode',
          'title',
          'author',
          'call_number',
          'material_type_id',
          'branch_id',
          'status',
        ])
        .where('barcode', 'in', barcodes)
        .execute();
      return new Map(rows.map((row) => [row.barcode, row as ItemRecord]));
    },
    resolve: resolveItem,
    same: sameItem,
    applyStaged: (into, range) =>
      insertStaged(
        into,
        'items',
        [
          { name: 'barcode', pgType: 'text' },
          { name: 'title', pgType: 'text' },
          { name: 'author', pgType: 'text' },
          { name: 'call_number', pgType: 'text' },
          { name: 'material_type_id', pgType: 'integer' },
          { name: 'branch_id', pgType: 'integer' },
          { name: 'status', pgType: 'text' },
        ],
        // A loan decides whether an item is on loan, never a file (itemRows.ts).
        sql`title = excluded.title, author = excluded.author, call_number = excluded.call_number,
          material_type_id = excluded.material_type_id, branch_id = excluded.branch_id,
          status = case when items.status = 'on_loan' then items.status else excluded.status end`,
        range,
      ),
  };
}

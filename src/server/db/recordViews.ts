// Patrons and items by id, as the desk shows them, and the codes staff pick on the record forms
// (patron type, material type, branch) turned into rows, with a plain message for an unknown code.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { CircaError } from '../errors.ts';
import {
  selectItemViews,
  selectPatronViews,
  type ItemView,
  type PatronView,
} from './circulationViews.ts';
import type {
  Branch,
  Database,
  MaterialTypeTable,
  PatronTable,
  PatronTypeTable,
} from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface PatronRecordView extends PatronView {
  email: string | null;
  phone: string | null;
  address: string | null;
}

function selectPatronRecords(db: Db) {
  return selectPatronViews(db).select(['patrons.email', 'patrons.phone', 'patrons.address']);
}

export async function patronRecordById(db: Db, id: number): Promise<PatronRecordView | undefined> {
  return selectPatronRecords(db).where('patrons.id', '=', id).executeTakeFirst();
}

/** The patrons with these ids, in the order of `ids`. */
export async function patronRecordsByIds(db: Db, ids: number[]): Promise<PatronRecordView[]> {
  if (ids.length === 0) return [];
  const rows = await selectPatronRecords(db).where('patrons.id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function itemViewById(db: Db, id: number): Promise<ItemView | undefined> {
  return selectItemViews(db).where('items.id', '=', id).executeTakeFirst();
}

/** The items with these ids, in the order of `ids`. */
export async function itemViewsByIds(db: Db, ids: number[]): Promise<ItemView[]> {
  if (ids.length === 0) return [];
  const rows = await selectItemViews(db).where('items.id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The stored patron row, for the audit log's before and after. */
export async function patronRow(db: Db, id: number): Promise<Selectable<PatronTable> | undefined> {
  return db.selectFrom('patrons').selectAll().where('id', '=', id).executeTakeFirst();
}

function unknownCode(field: string, what: string, code: string): CircaError {
  return new CircaError(
    'BAD_REQUEST',
    400,
    `No ${what} has the code "${code}". Choose one from the list.`,
    { field, code },
  );
}

export async function requirePatronTypeCode(
  db: Db,
  code: string,
): Promise<Selectable<PatronTypeTable>> {
  const row = await db
    .selectFrom('patron_types')
    .selectAll()
    .where('code', 'in', [code, code.toUpperCase()])
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw unknownCode('patronType', 'patron type', code);
  return row;
}

export async function requireMaterialTypeCode(
  db: Db,
  code: string,
): Promise<Selectable<MaterialTypeTable>> {
  const row = await db
    .selectFrom('material_types')
    .selectAll()
    .where('code', 'in', [code, code.toUpperCase()])
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw unknownCode('materialType', 'material type', code);
  return row;
}

export async function requireBranchCode(db: Db, field: string, code: string): Promise<Branch> {
  const row = await db
    .selectFrom('branches')
    .selectAll()
    .where('code', 'in', [code, code.toUpperCase()])
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw unknownCode(field, 'branch', code);
  return row;
}

// The joined rows circulation reads: a loan with its item, patron and branch; a patron with its type
// and home branch; an item with its material type and branch. One query each, never one per row.
import type { Kysely, Transaction } from 'kysely';
import type { Database, ItemStatus, LoanSource } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface LoanView {
  id: number;
  item_id: number;
  patron_id: number;
  checked_out_at: number;
  due_at: number;
  returned_at: number | null;
  source: LoanSource;
  renewal_count: number;
  item_barcode: string;
  item_title: string;
  patron_barcode: string;
  patron_name: string;
  branch_code: string;
  /** The lending branch's time zone, for saying when the loan was made in local time. */
  branch_time_zone: string;
}

export interface PatronView {
  id: number;
  barcode: string;
  name: string;
  expires_on: string;
  block_reason: string | null;
  patron_type_id: number;
  patron_type_code: string;
  patron_type_name: string;
  branch_id: number;
  branch_code: string;
  branch_name: string;
  branch_time_zone: string;
}

export interface ItemView {
  id: number;
  barcode: string;
  title: string;
  author: string;
  call_number: string;
  status: ItemStatus;
  /** Always set: the database links every item to its title (migration 0011). */
  title_id: number | null;
  material_type_id: number;
  material_type_code: string;
  material_type_name: string;
  branch_id: number;
  branch_code: string;
  branch_name: string;
  branch_time_zone: string;
  /** Uses in the library counted at the desk (offline in-house use). */
  in_house_uses: number;
}

/** Loans with what a screen shows beside them; add `where` clauses on `loans.*`. */
export function selectLoanViews(db: Db) {
  return db
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .innerJoin('patrons', 'patrons.id', 'loans.patron_id')
    .innerJoin('branches', 'branches.id', 'loans.branch_id')
    .select([
      'loans.id',
      'loans.item_id',
      'loans.patron_id',
      'loans.checked_out_at',
      'loans.due_at',
      'loans.returned_at',
      'loans.source',
      'loans.renewal_count',
      'items.barcode as item_barcode',
      'items.title as item_title',
      'patrons.barcode as patron_barcode',
      'patrons.name as patron_name',
      'branches.code as branch_code',
      'branches.time_zone as branch_time_zone',
    ]);
}

/** Open loans on a patron's card, soonest due first: one query, served by loans_open_by_patron. */
/** A slice of a patron's open loans, soonest due (so overdue) first; one statement. */
export async function openLoansOfPatron(
  db: Db,
  patronId: number,
  page: { offset: number; limit: number },
): Promise<LoanView[]> {
  return selectLoanViews(db)
    .where('loans.patron_id', '=', patronId)
    .where('loans.returned_at', 'is', null)
    .orderBy('loans.due_at')
    .orderBy('loans.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many loans the patron has out (read through loans_open_by_patron). */
export async function countOpenLoansOfPatron(db: Db, patronId: number): Promise<number> {
  const { count } = await db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('loans.patron_id', '=', patronId)
    .where('loans.returned_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** The item's open loan, if any (at most one: loans_one_open_per_item). */
export async function openLoanOfItem(db: Db, itemId: number): Promise<LoanView | undefined> {
  return selectLoanViews(db)
    .where('loans.item_id', '=', itemId)
    .where('loans.returned_at', 'is', null)
    .executeTakeFirst();
}

export async function loanViewById(db: Db, loanId: number): Promise<LoanView> {
  return selectLoanViews(db).where('loans.id', '=', loanId).executeTakeFirstOrThrow();
}

/** Patrons with their type and home branch, as PatronView rows; add a where. */
export function selectPatronViews(db: Db) {
  return db
    .selectFrom('patrons')
    .innerJoin('patron_types', 'patron_types.id', 'patrons.patron_type_id')
    .innerJoin('branches', 'branches.id', 'patrons.home_branch_id')
    .select([
      'patrons.id',
      'patrons.barcode',
      'patrons.name',
      'patrons.expires_on',
      'patrons.block_reason',
      'patrons.patron_type_id',
      'patron_types.code as patron_type_code',
      'patron_types.name as patron_type_name',
      'branches.id as branch_id',
      'branches.code as branch_code',
      'branches.name as branch_name',
      'branches.time_zone as branch_time_zone',
    ]);
}

export async function findPatronView(db: Db, barcode: string): Promise<PatronView | undefined> {
  return selectPatronViews(db).where('patrons.barcode', '=', barcode).executeTakeFirst();
}

/** Items with their material type and branch, as ItemView rows; add a where. */
export function selectItemViews(db: Db) {
  return db
    .selectFrom('items')
    .innerJoin('material_types', 'material_types.id', 'items.material_type_id')
    .innerJoin('branches', 'branches.id', 'items.branch_id')
    .select([
      'items.id',
      'items.barcode',
      'items.title',
      'items.author',
      'items.call_number',
      'items.status',
      'items.title_id',
      'items.material_type_id',
      'items.in_house_uses',
      'material_types.code as material_type_code',
      'material_types.name as material_type_name',
      'branches.id as branch_id',
      'branches.code as branch_code',
      'branches.name as branch_name',
      'branches.time_zone as branch_time_zone',
    ]);
}

export async function findItemView(db: Db, barcode: string): Promise<ItemView | undefined> {
  return selectItemViews(db).where('items.barcode', '=', barcode).executeTakeFirst();
}

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

/** An item with its open loan, if any: check-out and check-in read both, so in one statement. */
export interface ItemWithOpenLoan {
  item: ItemView;
  openLoan: LoanView | undefined;
}

/**
 * The item by barcode and its open loan (at most one: loans_one_open_per_item), as findItemView and
 * openLoanOfItem would read them, joined so that a desk's scan costs one round trip for both.
 */
export async function findItemWithOpenLoan(
  db: Db,
  barcode: string,
): Promise<ItemWithOpenLoan | undefined> {
  const row = await selectItemViews(db)
    .leftJoin('loans as open_loan', (join) =>
      join.onRef('open_loan.item_id', '=', 'items.id').on('open_loan.returned_at', 'is', null),
    )
    .leftJoin('patrons as borrower', 'borrower.id', 'open_loan.patron_id')
    .leftJoin('branches as lending', 'lending.id', 'open_loan.branch_id')
    .select([
      'open_loan.id as loan_id',
      'open_loan.patron_id as loan_patron_id',
      'open_loan.checked_out_at as loan_checked_out_at',
      'open_loan.due_at as loan_due_at',
      'open_loan.source as loan_source',
      'open_loan.renewal_count as loan_renewal_count',
      'borrower.barcode as loan_patron_barcode',
      'borrower.name as loan_patron_name',
      'lending.code as loan_branch_code',
      'lending.time_zone as loan_branch_time_zone',
    ])
    .where('items.barcode', '=', barcode)
    .executeTakeFirst();
  if (!row) return undefined;
  const item: ItemView = {
    id: row.id,
    barcode: row.barcode,
    title: row.title,
    author: row.author,
    call_number: row.call_number,
    status: row.status,
    title_id: row.title_id,
    material_type_id: row.material_type_id,
    material_type_code: row.material_type_code,
    material_type_name: row.material_type_name,
    branch_id: row.branch_id,
    branch_code: row.branch_code,
    branch_name: row.branch_name,
    branch_time_zone: row.branch_time_zone,
    in_house_uses: row.in_house_uses,
  };
  const openLoan: LoanView | undefined =
    row.loan_id === null ||
    row.loan_patron_id === null ||
    row.loan_checked_out_at === null ||
    row.loan_due_at === null ||
    row.loan_source === null ||
    row.loan_renewal_count === null ||
    row.loan_patron_barcode === null ||
    row.loan_patron_name === null ||
    row.loan_branch_code === null ||
    row.loan_branch_time_zone === null
      ? undefined
      : {
          id: row.loan_id,
          item_id: row.id,
          patron_id: row.loan_patron_id,
          checked_out_at: row.loan_checked_out_at,
          due_at: row.loan_due_at,
          returned_at: null,
          source: row.loan_source,
          renewal_count: row.loan_renewal_count,
          item_barcode: row.barcode,
          item_title: row.title,
          patron_barcode: row.loan_patron_barcode,
          patron_name: row.loan_patron_name,
          branch_code: row.loan_branch_code,
          branch_time_zone: row.loan_branch_time_zone,
        };
  return { item, openLoan };
}

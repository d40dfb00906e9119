// Test data: each builder inserts one row with unique, valid defaults (creating whatever it refers
// to when not given) and returns the row as the database holds it. Override any column by name.
import type { Insertable, Kysely, Selectable } from 'kysely';
import { withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import { hashPassword } from '../auth/passwords.ts';
import type {
  BranchTable,
  Database,
  HoldTable,
  ItemTable,
  LoanRuleTable,
  MaterialTypeTable,
  PatronTable,
  PatronTypeTable,
  StaffRole,
  StaffUserTable,
  WorkstationTable,
} from '../db/schema.ts';

/** Low scrypt cost for test passwords: the hash format is the same, the test suite stays fast. */
export const TEST_PASSWORD_COST = 2 ** 10;
/** The password buildStaffUser gives when none is named. */
export const TEST_STAFF_PASSWORD = 'correct horse battery staple';

let sequence = 0;
/** A number unique within this test process, for codes, names and barcodes. */
export function nextSequence(): number {
  sequence += 1;
  return sequence;
}

type Db = Kysely<Database>;

export async function buildBranch(
  db: Db,
  overrides: Partial<Insertable<BranchTable>> = {},
): Promise<Selectable<BranchTable>> {
  const n = nextSequence();
  return db
    .insertInto('branches')
    .values({
      code: `BR${n}`,
      name: `Branch ${n}`,
      time_zone: 'America/Chicago',
      closed_weekdays: '',
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildPatronType(
  db: Db,
  overrides: Partial<Insertable<PatronTypeTable>> = {},
): Promise<Selectable<PatronTypeTable>> {
  const n = nextSequence();
  return db
    .insertInto('patron_types')
    .values({ code: `PT${n}`, name: `Patron type ${n}`, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildMaterialType(
  db: Db,
  overrides: Partial<Insertable<MaterialTypeTable>> = {},
): Promise<Selectable<MaterialTypeTable>> {
  const n = nextSequence();
  return db
    .insertInto('material_types')
    .values({ code: `MT${n}`, name: `Material type ${n}`, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A rule for every branch (branch_id null) unless one is given: 21 loan days, 10 items. */
export async function buildLoanRule(
  db: Db,
  overrides: Partial<Insertable<LoanRuleTable>> = {},
): Promise<Selectable<LoanRuleTable>> {
  const patron_type_id = overrides.patron_type_id ?? (await buildPatronType(db)).id;
  const material_type_id = overrides.material_type_id ?? (await buildMaterialType(db)).id;
  return db
    .insertInto('loan_rules')
    .values({
      branch_id: null,
      loan_days: 21,
      max_items: 10,
      ...overrides,
      patron_type_id,
      material_type_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A patron in good standing (card valid until 2099, not blocked), barcode valid under the demo rules. */
export async function buildPatron(
  db: Db,
  overrides: Partial<Insertable<PatronTable>> = {},
): Promise<Selectable<PatronTable>> {
  const n = nextSequence();
  const patron_type_id = overrides.patron_type_id ?? (await buildPatronType(db)).id;
  const home_branch_id = overrides.home_branch_id ?? (await buildBranch(db)).id;
  return db
    .insertInto('patrons')
    .values({
      barcode: withCheckDigit(`2${String(n).padStart(12, '0')}`),
      name: `Patron ${n}`,
      expires_on: '2099-12-31',
      block_reason: null,
      ...overrides,
      patron_type_id,
      home_branch_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An available item, barcode valid under the demo rules. */
export async function buildItem(
  db: Db,
  overrides: Partial<Insertable<ItemTable>> = {},
): Promise<Selectable<ItemTable>> {
  const n = nextSequence();
  const material_type_id = overrides.material_type_id ?? (await buildMaterialType(db)).id;
  const branch_id = overrides.branch_id ?? (await buildBranch(db)).id;
  return db
    .insertInto('items')
    .values({
      barcode: withCheckDigit(`3${String(n).padStart(12, '0')}`),
      title: `Item ${n}`,
      author: `Author ${n}`,
      call_number: `FIC ${n}`,
      status: 'available',
      ...overrides,
      material_type_id,
      branch_id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The title an item is a copy of, for a hold on any copy of it. */
export async function titleOf(db: Db, itemId: number): Promise<number> {
  const { title_id } = await db
    .selectFrom('items')
    .select('title_id')
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  return title_id as number;
}

/** A hold on any copy of the title, waiting in the queue unless `hold` says otherwise. */
export async function buildHold(
  db: Db,
  hold: Pick<Insertable<HoldTable>, 'patron_id' | 'title_id' | 'pickup_branch_id' | 'placed_at'> &
    Partial<Insertable<HoldTable>>,
): Promise<Selectable<HoldTable>> {
  return db
    .insertInto('holds')
    .values({ item_id: null, status: 'waiting', ...hold })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface StaffUserOverrides extends Partial<
  Omit<Insertable<StaffUserTable>, 'password_hash'>
> {
  role?: StaffRole;
  /** Plain password to hash; TEST_STAFF_PASSWORD when absent. */
  password?: string;
  /** scrypt cost for the hash; TEST_PASSWORD_COST when absent. */
  passwordCost?: number;
}

/** A staff member (circulation unless `role` says otherwise) whose password is TEST_STAFF_PASSWORD. */
export async function buildStaffUser(
  db: Db,
  overrides: StaffUserOverrides = {},
): Promise<Selectable<StaffUserTable>> {
  const n = nextSequence();
  const {
    password = TEST_STAFF_PASSWORD,
    passwordCost = TEST_PASSWORD_COST,
    ...columns
  } = overrides;
  const branch_id = columns.branch_id ?? (await buildBranch(db)).id;
  return db
    .insertInto('staff_users')
    .values({
      username: `staff${n}`,
      display_name: `Staff member ${n}`,
      role: 'circulation',
      ...columns,
      branch_id,
      password_hash: await hashPassword(password, passwordCost),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildWorkstation(
  db: Db,
  overrides: Partial<Insertable<WorkstationTable>> = {},
): Promise<Selectable<WorkstationTable>> {
  const n = nextSequence();
  const branch_id = overrides.branch_id ?? (await buildBranch(db)).id;
  return db
    .insertInto('workstations')
    .values({ name: `TEST-DESK-${n}`, created_at: Date.now(), ...overrides, branch_id })
    .returningAll()
    .executeTakeFirstOrThrow();
}

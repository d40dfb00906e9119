// The database's tables as Kysely sees them. One definition for SQLite and PostgreSQL:
// instants are epoch milliseconds (integer / bigint), calendar dates are 'YYYY-MM-DD' text.
// Enumerations come from the API contract (src/shared/api), so a status or role is listed once.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import { ItemStatus, type LoanSource } from '../../shared/api/circulation.ts';
import type {
  ExceptionActionKind,
  OfflineTransactionStatus,
  OfflineUploadSource,
} from '../../shared/api/offline.ts';
import type { HoldStatus, TransitReason } from '../../shared/api/holds.ts';
import { StaffRole } from '../../shared/api/session.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { ImportRefusalTable, ImportRowTable, ImportTable } from '../imports/importTables.ts';
import type { OfflineOverridePolicy, OutcomeCode } from '../../shared/processing/outcome.ts';

export interface BranchTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** IANA time zone, e.g. 'America/Chicago'; due dates end at 23:59 here. */
  time_zone: string;
  /** Weekdays the branch is always closed, comma-separated, 0 = Sunday (e.g. '0' or '0,6'). */
  closed_weekdays: string;
}

export interface ClosedDayTable {
  branch_id: number;
  /** 'YYYY-MM-DD' in the branch's time zone. */
  date: string;
  reason: string;
}

export interface PatronTypeTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** How long a new or renewed card of this type is valid, in months (migration 0007). */
  card_months: Generated<number>;
}

export interface MaterialTypeTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export interface LoanRuleTable {
  id: Generated<number>;
  patron_type_id: number;
  material_type_id: number;
  /** Null: applies at every branch unless a branch-specific rule exists. */
  branch_id: number | null;
  loan_days: number;
  /** Most loans of this material type a patron of this type may have at once. */
  max_items: number;
  /** How many times a loan under this rule may be renewed (migration 0007). */
  renewals_allowed: Generated<number>;
}

export interface PatronTable {
  id: Generated<number>;
  barcode: string;
  name: string;
  patron_type_id: number;
  home_branch_id: number;
  /** 'YYYY-MM-DD': the card is valid through this day. */
  expires_on: string;
  /** Why the patron may not borrow; null when not blocked. */
  block_reason: string | null;
  /** Contact details, all optional (migration 0007). */
  email: Generated<string | null>;
  phone: Generated<string | null>;
  address: Generated<string | null>;
}

export type { ItemStatus, LoanSource, StaffRole };
export const ITEM_STATUSES = ItemStatus.options;

export interface ItemTable {
  id: Generated<number>;
  barcode: string;
  title: string;
  author: string;
  call_number: string;
  material_type_id: number;
  /** The owning branch. */
  branch_id: number;
  status: ItemStatus;
  /** The title with the same words; set by the database on every insert and title change (0011). */
  title_id: Generated<number | null>;
  /** Times it was used in the library without being lent, counted at the desk (migration 0014). */
  in_house_uses: Generated<number>;
}

/** Copies catalogued with the same title and author (migration 0011). */
export interface TitleTable {
  id: Generated<number>;
  /** lower(trim(title)) U+001F lower(trim(author)). */
  match_key: string;
  title: string;
  author: string;
}

export interface HoldTable {
  id: Generated<number>;
  patron_id: number;
  title_id: number;
  /** Null: any copy of the title; set: only this item. */
  item_id: number | null;
  pickup_branch_id: number;
  placed_at: number;
  placed_by: number | null;
  placed_at_workstation_id: number | null;
  status: HoldStatus;
  /** 'YYYY-MM-DD': not filled before this day. */
  suspended_until: string | null;
  trapped_item_id: number | null;
  trapped_at: number | null;
  /** 'YYYY-MM-DD' at the pickup branch: the last day the copy waits on the shelf. */
  shelf_expires_on: string | null;
  ended_at: number | null;
  ended_by: number | null;
  fulfilled_loan_id: number | null;
}

export interface TransitTable {
  id: Generated<number>;
  item_id: number;
  from_branch_id: number;
  to_branch_id: number;
  reason: TransitReason;
  hold_id: number | null;
  sent_at: number;
  sent_by: number | null;
  received_at: number | null;
  received_by: number | null;
}

/** One row per renewal of a loan: when, by whom, where, and any refusal a supervisor overrode. */
export interface RenewalTable {
  id: Generated<number>;
  loan_id: number;
  renewed_at: number;
  previous_due_at: number;
  due_at: number;
  staff_user_id: number | null;
  workstation_id: number | null;
  source: LoanSource;
  overridden_code: string | null;
  override_reason: string | null;
}

export interface LoanTable {
  id: Generated<number>;
  item_id: number;
  patron_id: number;
  checked_out_at: number;
  due_at: number;
  returned_at: number | null;
  branch_id: number;
  staff_user_id: number | null;
  workstation_id: number | null;
  source: LoanSource;
  /** Renewals so far (migration 0011); each has a row in renewals. */
  renewal_count: Generated<number>;
}

/**
 * A returned loan past the library's loan_history_days, without its patron (migration 0013): the
 * item's circulation count and the desk's statistics stay, who borrowed it does not. Same id as the
 * loan it was.
 */
export interface AgedLoanTable {
  id: number;
  item_id: number;
  branch_id: number;
  checked_out_at: number;
  due_at: number;
  returned_at: number;
  staff_user_id: number | null;
  workstation_id: number | null;
  source: LoanSource;
  renewal_count: number;
  /** Epoch ms the loan lost its patron. */
  aged_at: number;
}

/** The renewals of an aged loan, moved with it (same id as the renewal it was). */
export interface AgedRenewalTable {
  id: number;
  aged_loan_id: number;
  renewed_at: number;
  previous_due_at: number;
  due_at: number;
  staff_user_id: number | null;
  workstation_id: number | null;
  source: LoanSource;
  overridden_code: string | null;
  override_reason: string | null;
}

export const STAFF_ROLES = StaffRole.options;

export interface StaffUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** scrypt$N$r$p$salt$hash (see server/auth/passwords.ts). */
  password_hash: string;
  role: StaffRole;
  branch_id: number;
  /** Epoch ms the account was disabled (it may not sign in); null while active (migration 0007). */
  disabled_at: Generated<number | null>;
}

/** Every change to the library's set-up and records: who, when, what before and after. */
export interface AuditLogTable {
  id: Generated<number>;
  /** Epoch ms. */
  at: number;
  /** Null when the change came from the command line. */
  staff_user_id: number | null;
  /** The staff member's username at the time, or 'command line'. */
  actor: string;
  /** What was done, e.g. 'branch.create', 'loanRule.update', 'staffUser.disable'. */
  action: string;
  /** What it was done to, e.g. 'branch', 'loan_rule', and that row's id. */
  subject_type: string;
  subject_id: string | null;
  /** JSON of the row before and after; null before a creation and after a deletion. */
  before: string | null;
  after: string | null;
}

/** Sign-in attempts per (username, client address) pair, and per username ('' address). */
export interface SignInThrottleTable {
  /** Trimmed and lower-cased, whether or not such a staff user exists. */
  username: string;
  /** The client's address as the server sees it; '' for the row counting every address. */
  client_address: string;
  /** Attempts since the last successful sign-in, counted before the password is checked. */
  failures: number;
  /** Epoch ms before which the next attempt is refused unchecked. */
  next_attempt_at: number;
  last_attempt_at: number;
  /** Epoch ms of the last successful sign-in from this pair; null if none. */
  signed_in_at: number | null;
}

export interface WorkstationTable {
  id: Generated<number>;
  name: string;
  branch_id: number;
  created_at: number;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie token: a stolen database does not yield live sessions. */
  token_hash: string;
  staff_user_id: number;
  workstation_id: number | null;
  /** Sent by the client in the x-csrf-token header on every state-changing request. */
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface OfflineUploadTable {
  id: Generated<number>;
  received_at: number;
  staff_user_id: number;
  /** The workstation that sent it, or the one named in the file's header. */
  workstation: string | null;
  /** The sender's workstation as their session says (verified); null before migration 0006. */
  sent_from: string | null;
  source: OfflineUploadSource;
  file_name: string | null;
  transaction_count: number;
  /** Transactions stored by this upload (seen for the first time). */
  new_count: number;
  /** Transactions already stored by an earlier upload, ignored this time. */
  duplicate_count: number;
}

export interface OfflineTransactionTable {
  /** The client's UUIDv7: storing by it makes a repeated upload harmless. */
  id: string;
  /** The upload that brought it first. */
  upload_id: number;
  type: OfflineTransaction['type'];
  workstation: string;
  sequence: number;
  branch_code: string;
  staff_username: string;
  /** Epoch ms by the workstation's clock. */
  occurred_at: number;
  clock_offset_ms: number;
  /** Epoch ms by the server's clock: occurred_at + clock_offset_ms. Processing order. */
  corrected_at: number;
  /** 'YYYY-MM-DD' of corrected_at in the branch's time zone, for the report per day. */
  occurred_day: string;
  /** Current barcodes: as recorded, or as corrected by a supervisor (payload keeps the original). */
  patron_barcode: string | null;
  item_barcode: string | null;
  due_at: number | null;
  /** JSON of the DueDateBasis. */
  due_date_basis: string | null;
  /** JSON of the whole transaction as received, so nothing recorded is ever lost. */
  payload: string;
  status: Generated<OfflineTransactionStatus>;
  /** The main reason for the outcome (the first of `codes`); null while pending or plainly applied. */
  outcome: OutcomeCode | null;
  /** The processing rules' message for the report. */
  message: string | null;
  /** JSON array of every OutcomeCode behind the outcome; null while pending. */
  codes: string | null;
  /** Who had the item: the patron whose loan was checked in, or who holds it under a later loan. */
  previous_patron_barcode: string | null;
  /** 1 when it was processed after transactions that happened later (it arrived late). */
  arrived_late: Generated<number>;
  /** The loan it created. */
  loan_id: number | null;
  processed_at: number | null;
  /** 1 when it did what only a supervisor may do online: listed for supervisors to review. */
  supervisor_review: Generated<number>;
  /** Epoch ms its patron barcodes were cleared by the loan history rule (migration 0013). */
  patron_forgotten_at: Generated<number | null>;
  /** A check-in's next stop for the item (migration 0014): the hold shelf, or a transit. */
  routed_to: Generated<'hold_shelf' | 'transit' | null>;
  /** The hold the checked-in item was caught for, if any (no foreign key: holds are forgotten). */
  routed_hold_id: Generated<number | null>;
  /** The branch the item was sent to in transit, or whose hold shelf it went on. */
  routed_branch_id: Generated<number | null>;
  /** The patron a registration made (no foreign key: patrons may be forgotten). */
  created_patron_id: Generated<number | null>;
}

export interface OfflineExceptionActionTable {
  id: Generated<number>;
  transaction_id: string;
  action: ExceptionActionKind;
  /** Required when dismissing. */
  reason: string | null;
  /** The corrected barcodes, when re-applied with a fix. */
  patron_barcode: string | null;
  item_barcode: string | null;
  staff_user_id: number;
  at: number;
}

/** The library's settings: exactly one row, id 1 (see migrations/0002_library_settings.ts). */
export interface LibrarySettingsTable {
  id: number;
  library_name: string;
  /** JSON of BarcodeRules (shared/barcodes/barcodes.ts). */
  barcode_rules: string;
  /** Loan period offline when no loan rule matches a patron type and material type. */
  default_loan_days: number;
  /** 1: the offline snapshot may carry blocked patrons' barcodes (never their names); 0: it may not. */
  offline_blocked_list: number;
  /** Longest Special Loan an offline check-out may carry, in days (migration 0006). */
  offline_special_loan_max_days: Generated<number>;
  /** OfflineOverridePolicy: 'apply_and_flag' or 'hold'. */
  offline_override_policy: Generated<OfflineOverridePolicy>;
  /** Open days an item waits on the hold shelf (migration 0011). */
  hold_shelf_days: Generated<number>;
  /** 1: a returned item stays at the branch it was returned to; 0: it goes home (0011). */
  items_float: Generated<number>;
  /** Days a returned loan keeps its patron; null: forever (0011). */
  loan_history_days: Generated<number | null>;
  /** What processing does with an offline renewal a rule refuses (migration 0014). */
  offline_renewal_refusal: Generated<'apply_with_warning' | 'exception'>;
  /** Past this age an offline client calls its block list out of date (migration 0014). */
  offline_block_list_max_age_hours: Generated<number>;
  /** 1: staff sign-in installs the offline client where it is missing (migration 0015). */
  install_offline_client_at_sign_in: Generated<number>;
}

/** The latest report of a workstation's offline client (migration 0015). */
export interface OfflineClientReportTable {
  workstation_id: number;
  installed: number;
  app_version: string | null;
  snapshot_taken_at: number | null;
  last_sequence: number;
  /** Never goes down: the highest sequence number any report from the workstation gave. */
  highest_sequence_reported: number;
  unsent: number;
  journal: 'on' | 'off' | 'unwritable' | 'unsupported';
  reported_at: number;
  reported_by: number | null;
}

export interface Database {
  branches: BranchTable;
  closed_days: ClosedDayTable;
  patron_types: PatronTypeTable;
  material_types: MaterialTypeTable;
  loan_rules: LoanRuleTable;
  patrons: PatronTable;
  items: ItemTable;
  loans: LoanTable;
  staff_users: StaffUserTable;
  workstations: WorkstationTable;
  sessions: SessionTable;
  sign_in_throttles: SignInThrottleTable;
  offline_uploads: OfflineUploadTable;
  offline_transactions: OfflineTransactionTable;
  offline_exception_actions: OfflineExceptionActionTable;
  library_settings: LibrarySettingsTable;
  offline_client_reports: OfflineClientReportTable;
  audit_log: AuditLogTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  import_refusals: ImportRefusalTable;
  titles: TitleTable;
  holds: HoldTable;
  transits: TransitTable;
  renewals: RenewalTable;
  aged_loans: AgedLoanTable;
  aged_renewals: AgedRenewalTable;
}

export type Branch = Selectable<BranchTable>;
export type Patron = Selectable<PatronTable>;
export type NewPatron = Insertable<PatronTable>;
export type Item = Selectable<ItemTable>;
export type NewItem = Insertable<ItemTable>;
export type Loan = Selectable<LoanTable>;
export type LoanUpdate = Updateable<LoanTable>;
export type LoanRule = Selectable<LoanRuleTable>;
export type StaffUser = Selectable<StaffUserTable>;
export type Workstation = Selectable<WorkstationTable>;
export type Session = Selectable<SessionTable>;
export type OfflineUpload = Selectable<OfflineUploadTable>;
export type OfflineTransactionRow = Selectable<OfflineTransactionTable>;
export type NewOfflineTransactionRow = Insertable<OfflineTransactionTable>;
export type OfflineExceptionAction = Selectable<OfflineExceptionActionTable>;

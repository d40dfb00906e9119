// Administering the library's set-up (/api/admin/…): branches, staff users, workstations, patron
// and material types, loan rules, barcode rules, and the audit log of every change to them.
// Codes are fixed once a record exists: offline transactions, files and imports name records by code.
import { z } from 'zod';
import { OfflineClientState, ReceivedSequences } from '../offline/clientState.ts';
import { BarcodeRules } from '../barcodes/barcodes.ts';
import { barcodeRulesProblem } from '../barcodes/barcodeRulesProblem.ts';
import { isTimeZoneName } from '../calendar/timeZones.ts';
import { RecordCode } from '../records/fields.ts';
import { passwordProblem } from '../staff/passwordStrength.ts';
import { MAX_USERNAME_CHARS, USERNAME_PATTERN } from '../staff/usernames.ts';
import { WorkstationNameInput } from '../workstations/workstationName.ts';
import { Branch, LoanRule, RealCalendarDate, Weekday } from './library.ts';
import { BranchSummary, StaffRole } from './session.ts';

/** A record's id in a path, e.g. /api/admin/branches/3. */
export const RecordIdParams = z.object({
  id: z.coerce
    .number({ error: 'The id must be a whole number.' })
    .int('The id must be a whole number.')
    .min(1, 'The id must be a whole number.')
    .max(2_147_483_647, 'The id must be a whole number.'),
});
export type RecordIdParams = z.infer<typeof RecordIdParams>;

function name(label: string, max = 200) {
  return z
    .string({ error: `Type ${label}.` })
    .trim()
    .min(1, `Type ${label}.`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} has at most ${max} characters.`);
}

// Branches ----------------------------------------------------------------------------------

export const BranchTimeZone = z
  .string()
  .trim()
  .min(1, 'Choose the branch’s time zone, e.g. America/New_York.')
  .refine(
    isTimeZoneName,
    'This is not a time zone name this system knows: choose one from the list, e.g. America/New_York.',
  );

export const ClosedWeekdays = z
  .array(Weekday)
  .refine(
    (days) => new Set(days).size === days.length,
    'A weekday is listed twice: list each closed weekday once.',
  )
  .refine(
    (days) => days.length < 7,
    'A branch closed on every weekday could never take a loan back: leave at least one day open.',
  );

/** PUT /api/admin/branches/:id — the code stays as it is. */
export const BranchChange = z.object({
  name: name('the branch’s name'),
  timeZone: BranchTimeZone,
  closedWeekdays: ClosedWeekdays,
});
export type BranchChange = z.infer<typeof BranchChange>;

/** POST /api/admin/branches */
export const NewBranch = BranchChange.extend({ code: RecordCode });
export type NewBranch = z.infer<typeof NewBranch>;

export const AdminBranchList = z.object({ branches: z.array(Branch) });
export type AdminBranchList = z.infer<typeof AdminBranchList>;

// Staff users ------------------------------------------------------------------------------

export const StaffUsername = z
  .string({ error: 'Type a username.' })
  .trim()
  .min(1, 'Type a username.')
  .max(MAX_USERNAME_CHARS, `A username has at most ${MAX_USERNAME_CHARS} characters.`)
  .regex(USERNAME_PATTERN, 'A username has letters, digits and . _ @ - only, no spaces.');

export const StaffUserRecord = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRole,
  branch: BranchSummary,
  /** Epoch ms the account was disabled; null while it may sign in. */
  disabledAt: z.number().int().nullable(),
});
export type StaffUserRecord = z.infer<typeof StaffUserRecord>;

export const StaffUserList = z.object({ staffUsers: z.array(StaffUserRecord) });
export type StaffUserList = z.infer<typeof StaffUserList>;

/** PUT /api/admin/staff-users/:id — the username stays as it is. */
export const StaffUserChange = z.object({
  displayName: name('the staff member’s name'),
  role: StaffRole,
  branchId: z.number().int().min(1, 'Choose the staff member’s home branch.'),
});
export type StaffUserChange = z.infer<typeof StaffUserChange>;

/** A password as typed: checked by the one password rule, with the username when known. */
export const StaffPassword = z
  .string({ error: 'Type a password.' })
  .max(1000, 'The password is too long.');

/** POST /api/admin/staff-users */
export const NewStaffUser = StaffUserChange.extend({
  username: StaffUsername,
  password: StaffPassword,
}).superRefine((user, context) => {
  const problem = passwordProblem(user.password, { username: user.username });
  if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
});
export type NewStaffUser = z.infer<typeof NewStaffUser>;

/** POST /api/admin/staff-users/:id/password — the server checks it against the username too. */
export const PasswordReset = z.object({ password: StaffPassword });
export type PasswordReset = z.infer<typeof PasswordReset>;

/** POST /api/admin/staff-users/:id/disable: the reason goes into the audit log. */
export const DisableStaffUser = z.object({
  reason: z
    .string({ error: 'Say why the account is disabled, e.g. "Left the library".' })
    .trim()
    .min(1, 'Say why the account is disabled, e.g. "Left the library".')
    .max(200, 'The reason has at most 200 characters.'),
});
export type DisableStaffUser = z.infer<typeof DisableStaffUser>;

// Workstations -----------------------------------------------------------------------------

export const WorkstationRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  branch: BranchSummary,
  /** Epoch ms. */
  createdAt: z.number().int(),
  /** Epoch ms of the latest loan made or session used there; null when never used. */
  lastUsedAt: z.number().int().nullable(),
  /** The latest report of its offline client (issue 14); null when it never reported. */
  offlineClient: OfflineClientState.nullable(),
  /** What the server received from it by sequence number, and what never arrived. */
  sequences: ReceivedSequences,
});
export type WorkstationRecord = z.infer<typeof WorkstationRecord>;

export const WorkstationList = z.object({ workstations: z.array(WorkstationRecord) });
export type WorkstationList = z.infer<typeof WorkstationList>;

/** POST /api/admin/workstations, PUT /api/admin/workstations/:id (rename, move). */
export const WorkstationInput = z.object({
  name: WorkstationNameInput,
  branchId: z.number().int().min(1, 'Choose the workstation’s branch.'),
});
export type WorkstationInput = z.infer<typeof WorkstationInput>;

// Patron types and material types ----------------------------------------------------------

export const MIN_CARD_MONTHS = 1;
export const MAX_CARD_MONTHS = 1200;

export const PatronTypeRecord = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  /** How long a new or renewed card of this type is valid. */
  cardMonths: z.number().int(),
});
export type PatronTypeRecord = z.infer<typeof PatronTypeRecord>;

export const PatronTypeList = z.object({ patronTypes: z.array(PatronTypeRecord) });
export type PatronTypeList = z.infer<typeof PatronTypeList>;

const CardMonths = z
  .number({ error: 'Give the card period as a whole number of months.' })
  .int('Give the card period as a whole number of months.')
  .min(MIN_CARD_MONTHS, `A card is valid for at least ${MIN_CARD_MONTHS} month.`)
  .max(MAX_CARD_MONTHS, `A card is valid for at most ${MAX_CARD_MONTHS} months (100 years).`);

/** PUT /api/admin/patron-types/:id */
export const PatronTypeChange = z.object({
  name: name('the patron type’s name'),
  cardMonths: CardMonths,
});
export type PatronTypeChange = z.infer<typeof PatronTypeChange>;

/** POST /api/admin/patron-types */
export const NewPatronType = PatronTypeChange.extend({ code: RecordCode });
export type NewPatronType = z.infer<typeof NewPatronType>;

export const MaterialTypeRecord = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
});
export type MaterialTypeRecord = z.infer<typeof MaterialTypeRecord>;

export const MaterialTypeList = z.object({ materialTypes: z.array(MaterialTypeRecord) });
export type MaterialTypeList = z.infer<typeof MaterialTypeList>;

/** PUT /api/admin/material-types/:id */
export const MaterialTypeChange = z.object({ name: name('the material type’s name') });
export type MaterialTypeChange = z.infer<typeof MaterialTypeChange>;

/** POST /api/admin/material-types */
export const NewMaterialType = MaterialTypeChange.extend({ code: RecordCode });
export type NewMaterialType = z.infer<typeof NewMaterialType>;

// Loan rules -------------------------------------------------------------------------------

export const MAX_LOAN_DAYS = 3650;
export const MAX_ITEMS_OUT = 999;
export const MAX_RENEWALS = 99;

/** PUT /api/admin/loan-rules/:id — the patron type, material type and branch stay as they are. */
export const LoanRuleChange = z.object({
  loanDays: z
    .number({ error: 'Give the loan period as a whole number of days.' })
    .int('Give the loan period as a whole number of days.')
    .min(1, 'A loan lasts at least 1 day.')
    .max(MAX_LOAN_DAYS, `A loan lasts at most ${MAX_LOAN_DAYS} days (about ten years).`),
  maxItems: z
    .number({ error: 'Give the most items out as a whole number.' })
    .int('Give the most items out as a whole number.')
    .min(0, 'The most items out is 0 (none may be lent) or more.')
    .max(MAX_ITEMS_OUT, `The most items out is at most ${MAX_ITEMS_OUT}.`),
  renewalsAllowed: z
    .number({ error: 'Give the renewals allowed as a whole number.' })
    .int('Give the renewals allowed as a whole number.')
    .min(0, 'The renewals allowed are 0 (none) or more.')
    .max(MAX_RENEWALS, `The renewals allowed are at most ${MAX_RENEWALS}.`),
});
export type LoanRuleChange = z.infer<typeof LoanRuleChange>;

/** POST /api/admin/loan-rules: one rule per patron type, material type and branch (or none). */
export const NewLoanRule = LoanRuleChange.extend({
  patronTypeCode: z.string().trim().min(1, 'Choose a patron type.'),
  materialTypeCode: z.string().trim().min(1, 'Choose a material type.'),
  /** Null: the library-wide rule. */
  branchCode: z.string().trim().min(1, 'Choose a branch, or every branch.').nullable(),
});
export type NewLoanRule = z.infer<typeof NewLoanRule>;

export const AdminLoanRuleList = z.object({ loanRules: z.array(LoanRule) });
export type AdminLoanRuleList = z.infer<typeof AdminLoanRuleList>;

// Barcode rules ----------------------------------------------------------------------------

/** GET and PUT /api/admin/barcode-rules */
export const BarcodeRulesInput = BarcodeRules.superRefine((rules, context) => {
  const problem = barcodeRulesProblem(rules);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

// The audit log ----------------------------------------------------------------------------

export const AUDIT_LOG_PAGE_SIZE = 50;
export const MAX_AUDIT_LOG_PAGE_SIZE = 200;

export const AuditLogEntry = z.object({
  id: z.number().int(),
  /** Epoch ms. */
  at: z.number().int(),
  /** The staff member's username, or 'command line'. */
  actor: z.string(),
  staffUserId: z.number().int().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  /** The record as the API showed it before and after; null before a creation, after a deletion. */
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

const OptionalFilter = z
  .string()
  .trim()
  .max(100, 'A filter has at most 100 characters.')
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** GET /api/audit-log?…: every filter optional; dates in the signed-in branch's time zone. */
export const AuditLogQuery = z
  .object({
    /** An action, e.g. 'loanRule.update'. */
    action: OptionalFilter,
    /** What was changed, e.g. 'loan_rule'. */
    subjectType: OptionalFilter,
    subjectId: OptionalFilter,
    /** The staff member's username, or 'command line'. */
    actor: OptionalFilter,
    from: RealCalendarDate.optional(),
    to: RealCalendarDate.optional(),
    offset: z.coerce
      .number({ error: 'The offset must be a whole number.' })
      .int('The offset must be a whole number.')
      .min(0, 'The offset must be 0 or more.')
      .max(1_000_000_000, 'The offset is too large.')
      .default(0),
    limit: z.coerce
      .number({ error: 'The page size must be a whole number.' })
      .int('The page size must be a whole number.')
      .min(1, 'The page size is at least 1.')
      .max(MAX_AUDIT_LOG_PAGE_SIZE, `The page size is at most ${MAX_AUDIT_LOG_PAGE_SIZE}.`)
      .default(AUDIT_LOG_PAGE_SIZE),
  })
  .refine(
    (query) => query.from === undefined || query.to === undefined || query.from <= query.to,
    'The range starts after it ends: swap the dates.',
  );
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const AuditLogPage = z.object({
  /** Newest first. */
  entries: z.array(AuditLogEntry),
  offset: z.number().int(),
  /** True when older entries match too. */
  hasMore: z.boolean(),
  /** The time zone the date range was read in. */
  timeZone: z.string(),
});
export type AuditLogPage = z.infer<typeof AuditLogPage>;

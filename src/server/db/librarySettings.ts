// The library's settings (name, barcode rules, offline defaults): one row, read and written here so
// the stored barcode rules are always checked against the shared BarcodeRules schema.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  MAX_BLOCK_LIST_AGE_HOURS,
  MAX_HOLD_SHELF_DAYS,
  MAX_LOAN_HISTORY_DAYS,
  MAX_LOAN_PERIOD_DAYS,
  OfflineRenewalRefusal,
} from '../../shared/api/librarySettings.ts';
import { BarcodeRules } from '../../shared/barcodes/barcodes.ts';
import { OfflineOverridePolicy } from '../../shared/processing/outcome.ts';
import type { Database } from './schema.ts';

/** The same bound as a loan period in the due date rules and the offline file format. */
export const MAX_DEFAULT_LOAN_DAYS = MAX_LOAN_PERIOD_DAYS;

export const LibrarySettings = z.object({
  libraryName: z.string().trim().min(1, 'The library needs a name.').max(200),
  barcodeRules: BarcodeRules,
  /** Loan period offline when no loan rule matches the patron type and material type. */
  defaultLoanDays: z.number().int().min(1).max(MAX_DEFAULT_LOAN_DAYS),
  /** Whether the offline snapshot carries the block list (card numbers and reason codes). */
  offlineBlockedList: z.boolean(),
  /** Staff sign-in installs the offline client silently where it is missing (migration 0015). */
  installOfflineClientAtSignIn: z.boolean().default(true),
  /** Past this age an offline client calls its block list out of date (migration 0014). */
  offlineBlockListMaxAgeHours: z.number().int().min(1).max(MAX_BLOCK_LIST_AGE_HOURS).default(24),
  /** An offline renewal a rule refuses: applied with a warning, or an exception (migration 0014). */
  offlineRenewalRefusal: OfflineRenewalRefusal.default('apply_with_warning'),
  /** Longest Special Loan an offline check-out may carry; a later due date is held for a supervisor. */
  offlineSpecialLoanMaxDays: z.number().int().min(1).max(MAX_DEFAULT_LOAN_DAYS).default(365),
  /** Offline loans only a supervisor could make online: applied and flagged, or held. */
  offlineOverridePolicy: OfflineOverridePolicy.default('apply_and_flag'),
  /** Open days an item waits on the hold shelf (migration 0011). */
  holdShelfDays: z.number().int().min(1).max(MAX_HOLD_SHELF_DAYS).default(7),
  /** A returned item stays at the branch it came back to, instead of going home. */
  itemsFloat: z.boolean().default(false),
  /** Days a returned loan keeps the patron; null: forever. */
  loanHistoryDays: z.number().int().min(0).max(MAX_LOAN_HISTORY_DAYS).nullable().default(30),
});
export type LibrarySettings = z.infer<typeof LibrarySettings>;

/** Thrown when the stored settings cannot be used: a server fault for an administrator to fix. */
export class LibrarySettingsError extends Error {
  override name = 'LibrarySettingsError';
}

const MISSING_ROW =
  'The library settings row is missing from the database: start the server again so the migrations restore it.';

export async function getLibrarySettings(db: Kysely<Database>): Promise<LibrarySettings> {
  const row = await db
    .selectFrom('library_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) {
    throw new LibrarySettingsError(MISSING_ROW);
  }
  let storedRules: unknown;
  try {
    storedRules = JSON.parse(row.barcode_rules);
  } catch (error) {
    throw new LibrarySettingsError(
      'The stored barcode rules are not valid JSON: save the library settings again.',
      { cause: error },
    );
  }
  const parsed = LibrarySettings.safeParse({
    libraryName: row.library_name,
    barcodeRules: storedRules,
    defaultLoanDays: row.default_loan_days,
    offlineBlockedList: row.offline_blocked_list === 1,
    installOfflineClientAtSignIn: row.install_offline_client_at_sign_in === 1,
    offlineBlockListMaxAgeHours: row.offline_block_list_max_age_hours,
    offlineRenewalRefusal: row.offline_renewal_refusal,
    offlineSpecialLoanMaxDays: row.offline_special_loan_max_days,
    offlineOverridePolicy: row.offline_override_policy,
    holdShelfDays: row.hold_shelf_days,
    itemsFloat: row.items_float === 1,
    loanHistoryDays: row.loan_history_days,
  });
  if (!parsed.success) {
    throw new LibrarySettingsError(
      `The stored library settings are not valid (${z.prettifyError(parsed.error)}): save the library settings again.`,
    );
  }
  return parsed.data;
}

/** Replaces the settings after checking them; nothing changes when they are not valid. */
export async function saveLibrarySettings(
  db: Kysely<Database>,
  settings: z.input<typeof LibrarySettings>,
): Promise<LibrarySettings> {
  const parsed = LibrarySettings.safeParse(settings);
  if (!parsed.success) {
    throw new LibrarySettingsError(
      `These library settings are not valid (${z.prettifyError(parsed.error)}): correct them and save again.`,
    );
  }
  const valid = parsed.data;
  const result = await db
    .updateTable('library_settings')
    .set({
      library_name: valid.libraryName,
      barcode_rules: JSON.stringify(valid.barcodeRules),
      default_loan_days: valid.defaultLoanDays,
      offline_blocked_list: valid.offlineBlockedList ? 1 : 0,
      install_offline_client_at_sign_in: valid.installOfflineClientAtSignIn ? 1 : 0,
      offline_block_list_max_age_hours: valid.offlineBlockListMaxAgeHours,
      offline_renewal_refusal: valid.offlineRenewalRefusal,
      offline_special_loan_max_days: valid.offlineSpecialLoanMaxDays,
      offline_override_policy: valid.offlineOverridePolicy,
      hold_shelf_days: valid.holdShelfDays,
      items_float: valid.itemsFloat ? 1 : 0,
      loan_history_days: valid.loanHistoryDays,
    })
    .where('id', '=', 1)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new LibrarySettingsError(MISSING_ROW);
  return valid;
}

// The library's own settings as administrators see and change them (the barcode rules have their
// own page): its name, the loan period offline when no loan rule matches, and what offline
// clients may do. GET and PUT /api/admin/library-settings.
import { z } from 'zod';
import { refuseHiddenCharacters } from '../barcodes/hiddenCharacters.ts';
import { OfflineOverridePolicy } from '../processing/outcome.ts';

/** The same bound as a loan period in the due date rules and the offline file format. */
export const MAX_LOAN_PERIOD_DAYS = 3650;
/** The longest an item may wait on the hold shelf, in open days. */
export const MAX_HOLD_SHELF_DAYS = 365;
/** The longest loan history may keep patrons by days (100 years); beyond is "keep forever". */
export const MAX_LOAN_HISTORY_DAYS = 36500;
/** The oldest a library may let an offline block list grow before clients warn: a leap year, in
 * hours. The database checks the same bound (migration 0014): change both together. */
export const MAX_BLOCK_LIST_AGE_HOURS = 8784;

/** An offline renewal a rule would refuse online (renewal limit reached, a hold waiting): the
 * patron already left with the new due date, so it is applied with a warning, or kept as an
 * exception for a supervisor. Never silently either way. */
export const OfflineRenewalRefusal = z.enum(['apply_with_warning', 'exception'], {
  error:
    'Choose what happens to an offline renewal a rule refuses: apply and warn, or keep as an exception.',
});
export type OfflineRenewalRefusal = z.infer<typeof OfflineRenewalRefusal>;

function days(what: string) {
  return z
    .number({ error: `Give ${what} as a whole number of days.` })
    .int(`Give ${what} as a whole number of days.`)
    .min(1, `${what[0]?.toUpperCase()}${what.slice(1)} is at least 1 day.`)
    .max(
      MAX_LOAN_PERIOD_DAYS,
      `${what[0]?.toUpperCase()}${what.slice(1)} is at most ${MAX_LOAN_PERIOD_DAYS} days (ten years).`,
    );
}

export const LibrarySettingsChange = z.object({
  libraryName: z
    .string({ error: 'Type the library’s name.' })
    .trim()
    .min(1, 'Type the library’s name.')
    .max(200, 'The library’s name has at most 200 characters.')
    .superRefine(refuseHiddenCharacters),
  /** Loan period offline when no loan rule matches the patron type and material type. */
  defaultLoanDays: days('the offline loan period'),
  /** Staff sign-in installs the offline client silently in a browser that lacks it (issue 14). */
  installOfflineClientAtSignIn: z.boolean().optional(),
  /** Whether the offline snapshot carries a block list: card numbers and reason codes of blocked
   * and expired cards, never names. */
  offlineBlockedList: z.boolean(),
  /** Past this age, in hours, an offline client warns that its block list is out of date. */
  offlineBlockListMaxAgeHours: z
    .number({ error: 'Give the block list’s age as a whole number of hours.' })
    .int('Give the block list’s age as a whole number of hours.')
    .min(1, 'Warn about a block list at least 1 hour old.')
    .max(
      MAX_BLOCK_LIST_AGE_HOURS,
      `Warn about a block list at most ${MAX_BLOCK_LIST_AGE_HOURS} hours (a year) old.`,
    )
    .optional(),
  /** What processing does with an offline renewal a rule refuses. */
  offlineRenewalRefusal: OfflineRenewalRefusal.optional(),
  /** Longest Special Loan an offline check-out may carry; a later due date is held for a supervisor. */
  offlineSpecialLoanMaxDays: days('the longest offline Special Loan'),
  /** Offline loans only a supervisor could make online: applied and flagged, or held. */
  offlineOverridePolicy: OfflineOverridePolicy,
  /** Open days an item waits on the hold shelf before its hold expires. */
  holdShelfDays: z
    .number({ error: 'Give the hold shelf time as a whole number of open days.' })
    .int('Give the hold shelf time as a whole number of open days.')
    .min(1, 'An item waits on the hold shelf at least 1 open day.')
    .max(
      MAX_HOLD_SHELF_DAYS,
      `An item waits on the hold shelf at most ${MAX_HOLD_SHELF_DAYS} open days.`,
    )
    .optional(),
  /** True: a returned item stays where it was returned (a floating collection); false: it goes home. */
  itemsFloat: z.boolean().optional(),
  /** Days a returned loan keeps the patron's identity; null keeps it forever. */
  loanHistoryDays: z
    .number({
      error: 'Give how long loan history is kept as a whole number of days, or keep it forever.',
    })
    .int('Give how long loan history is kept as a whole number of days.')
    .min(0, 'Loan history is kept at least 0 days (forgotten at once).')
    .max(
      MAX_LOAN_HISTORY_DAYS,
      `Loan history is kept at most ${MAX_LOAN_HISTORY_DAYS} days; choose “keep forever” for longer.`,
    )
    .nullable()
    .optional(),
});
export type LibrarySettingsChange = z.infer<typeof LibrarySettingsChange>;

/** What the page shows: every field, as stored. */
export const LibrarySettingsView = LibrarySettingsChange.required();
export type LibrarySettingsView = z.infer<typeof LibrarySettingsView>;

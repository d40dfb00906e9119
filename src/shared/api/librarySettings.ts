// The library's own settings as administrators see and change them (the barcode rules have their
// own page): its name, the loan period offline when no loan rule matches, and what offline
// clients may do. GET and PUT /api/admin/library-settings.
import { z } from 'zod';
import { refuseHiddenCharacters } from '../barcodes/hiddenCharacters.ts';
import { OfflineOverridePolicy } from '../processing/outcome.ts';

/** The same bound as a loan period in the due date rules and the offline file format. */
export const MAX_LOAN_PERIOD_DAYS = 3650;

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
  /** Whether the offline snapshot may carry blocked patrons' card numbers (never their names). */
  offlineBlockedList: z.boolean(),
  /** Longest Special Loan an offline check-out may carry; a later due date is held for a supervisor. */
  offlineSpecialLoanMaxDays: days('the longest offline Special Loan'),
  /** Offline loans only a supervisor could make online: applied and flagged, or held. */
  offlineOverridePolicy: OfflineOverridePolicy,
});
export type LibrarySettingsChange = z.infer<typeof LibrarySettingsChange>;

/** What the page shows: the same fields as stored. */
export const LibrarySettingsView = LibrarySettingsChange;
export type LibrarySettingsView = LibrarySettingsChange;

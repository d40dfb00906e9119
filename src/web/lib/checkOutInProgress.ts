// The check-out in progress, kept per tab (sessionStorage) so that opening the patron's page from
// Check Out and coming back finds the same patron and "Checked out now" list. Cleared on Complete,
// on the next patron and at sign-out; read back through the API contract's schema, so a value
// written by an older version or by hand is dropped, never shown.
import { z } from 'zod';
import { Loan } from '../../shared/api/circulation.ts';

const STORAGE_KEY = 'circa.checkOutInProgress';

const CheckOutInProgress = z.object({
  patronBarcode: z.string().min(1),
  /** The loans lent in this visit, in scan order, with the loan checked in first if overridden. */
  lent: z.array(z.object({ loan: Loan, replacedLoan: Loan.nullable() })),
});
export type CheckOutInProgress = z.infer<typeof CheckOutInProgress>;

export function keepCheckOutInProgress(inProgress: CheckOutInProgress): void {
  try {
    tabStorage()?.setItem(STORAGE_KEY, JSON.stringify(inProgress));
  } catch {
    // A full or locked-down storage only costs the restore on Back; the loans are on the server.
  }
}

export function checkOutInProgress(): CheckOutInProgress | null {
  const raw = tabStorage()?.getItem(STORAGE_KEY);
  if (raw == null) return null;
  try {
    const parsed = CheckOutInProgress.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetCheckOutInProgress(): void {
  tabStorage()?.removeItem(STORAGE_KEY);
}

/** sessionStorage, or undefined where it is switched off (some locked-down browsers throw). */
function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

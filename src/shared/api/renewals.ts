// Renewing loans: one loan, or every loan on a patron's card, with a supervisor's override.
import { z } from 'zod';
import { Loan } from './circulation.ts';
import { ErrorCode } from './errors.ts';

/** A loan's id in the address, e.g. POST /api/loans/42/renewal. */
export const LoanIdParams = z.object({
  id: z.coerce
    .number({ message: 'A loan id is a whole number.' })
    .int('A loan id is a whole number.')
    .positive('A loan id is a whole number.'),
});
export type LoanIdParams = z.infer<typeof LoanIdParams>;

export const RenewalRequest = z.object({
  /**
   * Supervisors only ('loan.override'): renew past every refusal but a returned loan (or one no
   * rule covers), saying why. Recorded on the renewal with who renewed and at which workstation.
   */
  override: z
    .object({
      reason: z
        .string()
        .trim()
        .min(1, 'Say why the loan is renewed anyway, e.g. "Hold placed in error".')
        .max(200, 'A reason has at most 200 characters.'),
    })
    .optional(),
});
export type RenewalRequest = z.infer<typeof RenewalRequest>;

export const RenewalResult = z.object({
  /** The loan with its new due date and count. */
  loan: Loan,
  /** Epoch ms: when the loan was due before this renewal. */
  previousDueAt: z.number().int(),
});
export type RenewalResult = z.infer<typeof RenewalResult>;

export const RenewalRefused = z.object({
  loan: Loan,
  code: ErrorCode,
  /** Why, in words staff can say to the patron. */
  message: z.string(),
});
export type RenewalRefused = z.infer<typeof RenewalRefused>;

export const RenewAllResult = z.object({
  /** Renewed loans, soonest due first as they were before renewing. */
  renewed: z.array(RenewalResult),
  /** Loans not renewed, each with its own reason. */
  refused: z.array(RenewalRefused),
});
export type RenewAllResult = z.infer<typeof RenewAllResult>;

// Sending offline transactions to the server, the report on what became of them, and the
// exceptions queue supervisors work through.
import { z } from 'zod';

/** Where an upload came from: the offline client sending its outbox, or a file a supervisor chose. */
export const OfflineUploadSource = z.enum(['client', 'file', 'koc']);
export type OfflineUploadSource = z.infer<typeof OfflineUploadSource>;

/**
 * What became of a transaction on the server. `pending` until processed; `exception` until a
 * supervisor re-applies it (then `applied…`) or dismisses it (`dismissed`).
 */
export const OfflineTransactionStatus = z.enum([
  'pending',
  'applied',
  'applied_with_warning',
  'exception',
  'noted',
  'dismissed',
]);
export type OfflineTransactionStatus = z.infer<typeof OfflineTransactionStatus>;

/** What a supervisor did to an exception. */
export const ExceptionActionKind = z.enum(['reapplied', 'dismissed']);
export type ExceptionActionKind = z.infer<typeof ExceptionActionKind>;

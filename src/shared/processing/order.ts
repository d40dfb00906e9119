// The order offline transactions are applied in: when they happened by the server's clock, so a
// workstation whose clock was wrong still takes its place among the others.
import type { OfflineTransaction } from '../offline/transaction.ts';

type Ordered = Pick<
  OfflineTransaction,
  'occurredAt' | 'clockOffsetMs' | 'workstation' | 'sequence' | 'id'
>;

/** The latest instant a JavaScript Date (and so any calendar function) can represent. */
const LAST_REPRESENTABLE_MS = 8_640_000_000_000_000;

/**
 * When the transaction happened by the server's clock (epoch ms). Kept within the range of a Date:
 * a file may carry an instant near the end of that range and a clock offset that would push it
 * past, and such a transaction must still be stored (and shown as an exception), not crash.
 */
export function correctedTime(
  transaction: Pick<OfflineTransaction, 'occurredAt' | 'clockOffsetMs'>,
): number {
  const corrected = transaction.occurredAt + transaction.clockOffsetMs;
  return Math.max(-LAST_REPRESENTABLE_MS, Math.min(LAST_REPRESENTABLE_MS, corrected));
}

/**
 * A total order: corrected time, then workstation, then sequence number, then id (two .koc files
 * imported under one workstation name can share sequence numbers). Strings compare by Unicode code
 * point, as SQLite does and PostgreSQL does with COLLATE "C", so the database can sort the same way.
 */
export function compareForProcessing(a: Ordered, b: Ordered): number {
  return (
    Math.sign(correctedTime(a) - correctedTime(b)) ||
    compareCodePoints(a.workstation, b.workstation) ||
    Math.sign(a.sequence - b.sequence) ||
    compareCodePoints(a.id, b.id)
  );
}

/** -1, 0 or 1 by Unicode code point (JavaScript's `<` compares UTF-16 units, which differs). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return Math.sign(a.length - b.length);
}

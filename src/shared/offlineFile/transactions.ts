// Checks that hold for the transactions of any offline file, whichever format it came in: each one
// valid, one workstation, no id twice, no sequence number shared by two different transactions.
import { z } from 'zod';
import {
  OfflineCheckIn,
  OfflineCheckOut,
  OfflineInHouseUse,
  OfflinePayment,
  OfflineRegistration,
  OfflineRenewal,
  type OfflineTransaction,
} from '../offline/transaction.ts';
import type { ErrorCollector } from './errors.ts';

/**
 * OfflineTransaction, but an unknown field is an error rather than silently dropped: a field this
 * version does not know means the file came from a newer Circa, and its meaning would be lost.
 */
export const StrictOfflineTransaction = z.discriminatedUnion('type', [
  OfflineCheckOut.strict(),
  OfflineCheckIn.strict(),
  OfflineRenewal.strict(),
  OfflineInHouseUse.strict(),
  OfflineRegistration.strict(),
  OfflinePayment.strict(),
]);

/** The types a version-1 file holds; the others came with version 2. */
const VERSION_1_TYPES: ReadonlySet<OfflineTransaction['type']> = new Set([
  'check_out',
  'check_in',
  'payment',
]);

const TYPE_WORDS: Record<OfflineTransaction['type'], string> = {
  check_out: 'a check-out',
  check_in: 'a check-in',
  renewal: 'a renewal',
  in_house_use: 'an in-house use',
  registration: 'a patron registration',
  payment: 'a payment',
};

/**
 * What in a valid transaction its file's version did not have: a version-1 file holds only
 * check-outs (without "Lend anyway"), check-ins (without "Returned on") and payments. A file that
 * claims version 1 and holds more was edited by hand or written wrongly: its header cannot be
 * trusted to mean what it says.
 */
export function checkTransactionForVersion(
  transaction: OfflineTransaction,
  version: number,
  line: number,
  errors: ErrorCollector,
): boolean {
  if (version >= 2) return true;
  const again =
    'the file says version 1 on line 1, which did not have it. Export the file again from the offline client (it writes version 2).';
  if (!VERSION_1_TYPES.has(transaction.type)) {
    errors.add(
      'NOT_IN_VERSION',
      line,
      'type',
      `${TYPE_WORDS[transaction.type]} is a version-2 transaction, but ${again}`,
    );
    return false;
  }
  const newField =
    transaction.type === 'check_out' && transaction.lentAnyway !== undefined
      ? 'lentAnyway'
      : transaction.type === 'check_in' && transaction.returnedOn !== undefined
        ? 'returnedOn'
        : null;
  if (newField !== null) {
    errors.add('NOT_IN_VERSION', line, newField, `is a version-2 field, but ${again}`);
    return false;
  }
  return true;
}

/** Remembers ids and sequence numbers seen so far to report repeats with both line numbers. */
export class TransactionSetChecker {
  private readonly lineOfId = new Map<string, number>();
  private readonly bySequence = new Map<number, { id: string; line: number }>();

  constructor(
    private readonly errors: ErrorCollector,
    /** The workstation every transaction must name; null when the header could not be read. */
    private readonly workstation: string | null,
  ) {}

  /** Records the transaction; returns false (after recording errors) when it breaks a rule. */
  check(transaction: OfflineTransaction, line: number): boolean {
    let ok = true;
    if (this.workstation !== null && transaction.workstation !== this.workstation) {
      this.errors.add(
        'WRONG_WORKSTATION',
        line,
        'workstation',
        `is ${JSON.stringify(transaction.workstation)} but the file is for workstation ${JSON.stringify(this.workstation)}; each file holds one workstation's transactions. Export a separate file per workstation.`,
      );
      ok = false;
    }
    const earlierLine = this.lineOfId.get(transaction.id);
    if (earlierLine !== undefined) {
      this.errors.add(
        'DUPLICATE_ID',
        line,
        'id',
        `the same transaction is already on line ${earlierLine}; the file was joined or edited by hand. Export it again from the offline client.`,
      );
      return false;
    }
    this.lineOfId.set(transaction.id, line);
    const earlier = this.bySequence.get(transaction.sequence);
    if (earlier !== undefined) {
      this.errors.add(
        'DUPLICATE_SEQUENCE',
        line,
        'sequence',
        `sequence ${transaction.sequence} is also used by a different transaction on line ${earlier.line}; the file mixes two workstations' records. Export it again from the offline client.`,
      );
      return false;
    }
    this.bySequence.set(transaction.sequence, { id: transaction.id, line });
    return ok;
  }
}

// The outbox: every offline transaction this browser has recorded, kept until the server has
// acknowledged it. Behind an interface so the screens and tests do not care where it lives
// (IndexedDB in the browser, memory in unit tests).
import { OfflineTransaction } from '../../shared/offline/transaction.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A transaction as the screen describes it; the outbox adds its id and sequence number. */
export type TransactionDraft = DistributiveOmit<OfflineTransaction, 'id' | 'sequence'>;

/** A recorded transaction and whether the server has acknowledged it. */
export type OutboxEntry = OfflineTransaction & {
  /** Epoch ms when the server acknowledged it; null while it waits to be sent. */
  sentAt: number | null;
};

export interface OutboxCounts {
  /** Every transaction ever recorded in this browser (the sum of the sequence counters). */
  recorded: number;
  /** Recorded and not yet acknowledged by the server. */
  unsent: number;
  /** Acknowledged by the server (recorded − unsent). */
  sent: number;
}

export interface Outbox {
  /**
   * Stores the transaction durably with a new UUIDv7 id and the workstation's next sequence
   * number, allocated in the same write so two tabs never get the same number. Resolves only once
   * the write is on disk; rejects with OutboxWriteError when it is not, and then nothing is stored.
   */
  record(draft: TransactionDraft): Promise<OutboxEntry>;
  /** Every stored transaction, by workstation then sequence number. */
  list(): Promise<OutboxEntry[]>;
  counts(): Promise<OutboxCounts>;
  /** The transactions the server has not acknowledged, by workstation then sequence number. */
  unsent(): Promise<OutboxEntry[]>;
  /** Call only after the server has acknowledged these ids; unknown ids are ignored. */
  markSent(ids: readonly string[], at: number): Promise<void>;
  /** How many acknowledged transactions are still stored: what deleteSent() would remove. */
  countSentKept(): Promise<number>;
  /** Removes acknowledged transactions, never unsent ones; resolves to how many were removed. */
  deleteSent(): Promise<number>;
  /**
   * Makes acknowledged transactions unsent again, so the normal sending sends them once more: the
   * server reports it lacks them (a database failover lost them). Unknown or unsent ids are
   * ignored; resolves to how many were made unsent.
   */
  markUnsent(ids: readonly string[]): Promise<number>;
}

export type OutboxWriteProblem = 'INVALID_TRANSACTION' | 'STORAGE_FULL' | 'WRITE_FAILED';

const PROBLEM_MESSAGES: Record<OutboxWriteProblem, string> = {
  INVALID_TRANSACTION:
    'This transaction could not be recorded because some of its details are not valid. Check the barcodes and the due date, then scan again.',
  STORAGE_FULL:
    "This browser's storage is full, so the loan was NOT recorded. Save a backup file now, free some disk space, then scan the item again.",
  WRITE_FAILED:
    'The browser could not save this loan, so it was NOT recorded. Scan the item again; if it fails again, save a backup file and reload the page.',
};

/** A transaction was not recorded; `problem` lets a screen explain why. */
export class OutboxWriteError extends Error {
  override readonly name = 'OutboxWriteError';
  constructor(
    readonly problem: OutboxWriteProblem,
    options?: { cause?: unknown },
  ) {
    super(PROBLEM_MESSAGES[problem], options);
  }
}

/** Sequence number placeholder for validating a draft before its number is allocated. */
const ANY_SEQUENCE = 1;
const ANY_V7_ID = '00000000-0000-7000-8000-000000000000';

/** Throws INVALID_TRANSACTION unless the draft makes a valid transaction once numbered. */
export function assertValidDraft(draft: TransactionDraft): void {
  const parsed = OfflineTransaction.safeParse({ ...draft, id: ANY_V7_ID, sequence: ANY_SEQUENCE });
  if (!parsed.success) {
    throw new OutboxWriteError('INVALID_TRANSACTION', { cause: parsed.error });
  }
}

/** Orders entries by workstation, then sequence number. */
export function compareEntries(a: OutboxEntry, b: OutboxEntry): number {
  if (a.workstation !== b.workstation) return a.workstation < b.workstation ? -1 : 1;
  return a.sequence - b.sequence;
}

// Circa's own path for an outage's worth of offline transactions: each workstation's outbox stored
// by receiveOfflineUpload (uploads of at most 50,000), then processPendingOfflineTransactions
// applying everything pending in time order — what the server does after uploads arrive.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import {
  processPendingOfflineTransactions,
  type ProcessingRun,
} from '../../src/server/offline/process.ts';
import { receiveOfflineUpload } from '../../src/server/offline/receive.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';

/** The most transactions one upload carries here (the limit for this benchmark). */
export const MAX_UPLOAD_TRANSACTIONS = 50_000;

export interface CircaPathTotals extends Omit<ProcessingRun, 'batches'> {
  batches: number;
  uploads: number;
  stored: number;
  receiveSeconds: number;
  processSeconds: number;
}

export function emptyTotals(): CircaPathTotals {
  return {
    batches: 0,
    processed: 0,
    applied: 0,
    appliedWithWarning: 0,
    exceptions: 0,
    noted: 0,
    arrivedLate: 0,
    uploads: 0,
    stored: 0,
    receiveSeconds: 0,
    processSeconds: 0,
  };
}

/**
 * Sends `transactions` as one upload per workstation (split at MAX_UPLOAD_TRANSACTIONS), then
 * processes everything pending; adds what happened to `totals`.
 */
export async function sendAndProcess(props: {
  db: Kysely<Database>;
  staffUserId: number;
  transactions: readonly OfflineTransaction[];
  totals: CircaPathTotals;
  now: number;
}): Promise<void> {
  const { db, totals } = props;
  const byWorkstation = new Map<string, OfflineTransaction[]>();
  for (const t of props.transactions) {
    const list = byWorkstation.get(t.workstation) ?? [];
    list.push(t);
    byWorkstation.set(t.workstation, list);
  }
  const receiving = performance.now();
  for (const [workstation, outbox] of byWorkstation) {
    for (let start = 0; start < outbox.length; start += MAX_UPLOAD_TRANSACTIONS) {
      const upload = await receiveOfflineUpload({
        db,
        actor: { user: { id: props.staffUserId }, workstation: { name: workstation } },
        source: 'client',
        transactions: outbox.slice(start, start + MAX_UPLOAD_TRANSACTIONS),
        now: props.now,
      });
      totals.uploads += 1;
      totals.stored += upload.stored;
    }
  }
  const processing = performance.now();
  totals.receiveSeconds += (processing - receiving) / 1000;
  const run = await processPendingOfflineTransactions({ db, now: () => props.now });
  totals.processSeconds += (performance.now() - processing) / 1000;
  totals.batches += run.batches;
  totals.processed += run.processed;
  totals.applied += run.applied;
  totals.appliedWithWarning += run.appliedWithWarning;
  totals.exceptions += run.exceptions;
  totals.noted += run.noted;
  totals.arrivedLate += run.arrivedLate;
}

export async function staffUserId(db: Kysely<Database>, username: string): Promise<number> {
  const row = await db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

// Receive offline transactions and answer once they are stored: processing starts at once, and the
// answer waits for it up to PROCESSING_ANSWER_WAIT_MS so staff usually see the outcomes straight away.
import type { Kysely } from 'kysely';
import type { OfflineUploadResult } from '../../shared/api/offline.ts';
import { summarizeTransactions } from '../db/offlineReport.ts';
import type { Database } from '../db/schema.ts';
import { kickOfflineProcessing } from '../offline/processor.ts';
import { receiveOfflineUpload, type ReceiveOfflineUploadProps } from '../offline/receive.ts';

/** Longest an upload's answer waits for processing: well inside what browsers and proxies wait. */
export const PROCESSING_ANSWER_WAIT_MS = 20_000;

/** Where a failed processing run is reported (a request's logger fits). */
export interface ProcessingFailureLog {
  error(obj: unknown, msg: string): void;
}

export interface ReceiveAndWaitProps extends Omit<ReceiveOfflineUploadProps, 'now'> {
  db: Kysely<Database>;
  /** The server's clock: the upload is received at now(), and processing reads it as it goes. */
  now: () => number;
  log: ProcessingFailureLog;
}

/**
 * Stores the transactions (resolving only after the commit), then processes what was stored and
 * counts the outcomes. A processing failure leaves the transactions pending, never lost: stored is
 * what the sender needs to hear, and the next run (or a restart) processes the rest.
 */
export async function receiveAndWait(props: ReceiveAndWaitProps): Promise<OfflineUploadResult> {
  const { db, now, log } = props;
  const received = await receiveOfflineUpload({ ...props, now: now() });
  const processing = kickOfflineProcessing({ db, now }).catch((error: unknown) => {
    log.error({ err: error }, 'processing offline transactions failed; they stay pending');
  });
  // Behind a large backlog, answer before the sender gives up: what is still pending is counted
  // as pending, and the report shows the outcome later.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    processing,
    new Promise((resolve) => {
      timer = setTimeout(resolve, PROCESSING_ANSWER_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  return {
    ...received,
    summary: await summarizeTransactions(
      db,
      props.transactions.map((t) => t.id),
    ),
  };
}

// Sending the outbox to the server: unsent transactions go in batches to
// POST /api/offline/transactions, and a batch is marked sent only once the server has answered that
// it stored it durably. A failure stops the sending and leaves the rest unsent; sending again is
// always safe, because the server stores each transaction once by its id. Used by the offline client
// and by the staff app, which share this browser's outbox.
import type { OutcomeSummary } from '../../shared/api/offline.ts';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import type { Outbox, OutboxEntry } from '../outbox/outbox.ts';
import { answerLost, SendFailure, unreachable } from './sendFailure.ts';
import { withSendLock, type SendLocks } from './sendLock.ts';
import { addSummaries, EMPTY_SUMMARY } from '../../shared/offline/outcomeSummary.ts';
import { createFetchTransport, type SendTransport } from './transport.ts';

/**
 * Transactions per request: ~0.8 MB, far below the server's 50,000 and 32 MiB, so each request is
 * answered in well under a second and a failure costs little to repeat.
 */
export const SEND_BATCH_SIZE = 2_000;

export interface SendProgress {
  /** Transactions the server has confirmed so far in this sending. */
  sent: number;
  /** Transactions this sending set out to send. */
  total: number;
}

/** What a sending did: `failure` is set when it stopped before the end. */
export interface SendResult {
  status: 'sent' | 'nothing-to-send' | 'busy' | 'failed';
  total: number;
  sent: number;
  /** Outcomes of every confirmed transaction, summed over the batches. */
  summary: OutcomeSummary;
  /** Transactions the server already had (a repeat after an interrupted sending). */
  duplicates: number;
  /** One upload per confirmed batch, for the link to its report. */
  uploadIds: number[];
  /**
   * Per workstation, the lowest and highest sequence number confirmed: the report of exactly these
   * transactions, whichever upload stored them first (an earlier one whose answer was lost).
   */
  sequenceRanges: SequenceRange[];
  failure: SendFailure | null;
}

export interface SequenceRange {
  workstation: string;
  from: number;
  to: number;
}

/** The ranges widened by the sequence numbers of a confirmed batch. */
export function withSequences(
  ranges: readonly SequenceRange[],
  batch: readonly Pick<OutboxEntry, 'workstation' | 'sequence'>[],
): SequenceRange[] {
  const byWorkstation = new Map(ranges.map((range) => [range.workstation, { ...range }]));
  for (const { workstation, sequence } of batch) {
    const range = byWorkstation.get(workstation);
    if (range === undefined)
      byWorkstation.set(workstation, { workstation, from: sequence, to: sequence });
    else {
      range.from = Math.min(range.from, sequence);
      range.to = Math.max(range.to, sequence);
    }
  }
  return [...byWorkstation.values()];
}

/** A sending that sent nothing: busy elsewhere, or stopped before the first batch. */
export function sentNothing(
  status: SendResult['status'],
  failure: SendFailure | null = null,
  total = 0,
): SendResult {
  return {
    status,
    total,
    sent: 0,
    summary: EMPTY_SUMMARY,
    duplicates: 0,
    uploadIds: [],
    sequenceRanges: [],
    failure,
  };
}

/** What the server stores: the transaction without this browser's bookkeeping. */
function toTransaction(entry: OutboxEntry): OfflineTransaction {
  const { sentAt: _sentAt, ...transaction } = entry;
  return transaction;
}

export interface SendOutboxProps {
  outbox: Outbox;
  transport: SendTransport;
  /** Epoch ms now, recorded as when each batch was acknowledged. */
  now: () => number;
  batchSize?: number;
  onProgress?: (progress: SendProgress) => void;
}

/**
 * Sends every unsent transaction, batch by batch, in workstation and sequence order. Never throws:
 * a failure ends the sending with what was confirmed until then and the reason it stopped.
 */
export async function sendOutbox(props: SendOutboxProps): Promise<SendResult> {
  const { outbox, transport, now, batchSize = SEND_BATCH_SIZE, onProgress } = props;
  const result: SendResult = sentNothing('sent');
  const fail = (failure: SendFailure): SendResult => ({ ...result, status: 'failed', failure });

  let unsent: OutboxEntry[];
  try {
    unsent = await outbox.unsent();
  } catch (error) {
    return fail(
      new SendFailure(
        'STORAGE',
        'This browser could not read its offline transactions. Reload the page and try again.',
        null,
        { cause: error },
      ),
    );
  }
  if (unsent.length === 0) return { ...result, status: 'nothing-to-send' };
  result.total = unsent.length;
  onProgress?.({ sent: 0, total: result.total });

  try {
    const csrfToken = await transport.startSession();
    for (let start = 0; start < unsent.length; start += batchSize) {
      const batch = unsent.slice(start, start + batchSize);
      const answer = await transport
        .sendBatch(batch.map(toTransaction), csrfToken)
        .catch((error: unknown) => {
          // The batch went out; without an answer, nobody here knows whether it was stored.
          if (error instanceof SendFailure && error.reason === 'UNREACHABLE') {
            throw answerLost(batch.length, error.cause);
          }
          throw error;
        });
      // Only now, with the server's word that it stored them, may they count as sent.
      try {
        await outbox.markSent(
          batch.map((entry) => entry.id),
          now(),
        );
      } catch (error) {
        throw new SendFailure(
          'STORAGE',
          'The server stored the transactions, but this browser could not mark them as sent. Send again: the server will not store them twice.',
          null,
          { cause: error },
        );
      }
      result.sent += batch.length;
      result.summary = addSummaries(result.summary, answer.summary);
      result.duplicates += answer.duplicates;
      result.uploadIds.push(answer.uploadId);
      result.sequenceRanges = withSequences(result.sequenceRanges, batch);
      onProgress?.({ sent: result.sent, total: result.total });
    }
  } catch (error) {
    if (error instanceof SendFailure) return fail(error);
    return fail(unreachable(error));
  }
  return result;
}

export interface SendOfflineTransactionsProps extends Omit<SendOutboxProps, 'transport'> {
  transport?: SendTransport;
  locks?: SendLocks;
}

/** Sends this browser's outbox unless another tab is already doing it. */
export async function sendOfflineTransactions(
  props: SendOfflineTransactionsProps,
): Promise<SendResult> {
  const transport = props.transport ?? createFetchTransport();
  const outcome = await withSendLock(() => sendOutbox({ ...props, transport }), props.locks);
  return outcome === 'busy' ? sentNothing('busy') : outcome;
}

// A workstation's offline client as a failover trial drives it, following the browser's rules
// (src/browser/recovery/resendMissing.ts, by the same pure functions of shared/offline/resend.ts):
// it keeps every transaction it sent, reports after each send, sends again what the server's
// answer lists as missing, and deletes a sent transaction as soon as (and only once) an answer
// the database's standbys had caught up with confirms it: the most eager deletion the rule allows.
import { setTimeout as sleep } from 'node:timers/promises';
import { CSRF_HEADER } from '../../src/shared/api/session.ts';
import {
  OfflineClientReportAnswer,
  type OfflineClientReport,
} from '../../src/shared/offline/clientState.ts';
import {
  isConfirmed,
  transactionsToResend,
  type Confirmation,
} from '../../src/shared/offline/resend.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';
import {
  NotAcknowledgedError,
  sendUntilAcknowledged,
  type DeskSession,
  type SendStats,
} from './uploadClient.ts';

const REPORT_TIMEOUT_MS = 30_000;
const RETRY_PAUSE_MS = 100;

interface Held {
  transaction: OfflineTransaction;
  sentAt: number | null;
}

export interface FailoverDesk {
  workstation: string;
  session: DeskSession;
  /** What the desk still keeps, by id: unsent, or sent and not yet confirmed. */
  held: Map<string, Held>;
  /** Every id the server ever acknowledged to this desk. */
  acknowledged: Set<string>;
  /** Sent transactions made unsent again because an answer listed them missing. */
  resent: number;
  /** Sent transactions deleted once confirmed. */
  deleted: number;
  lastSequence: number;
  /** Each acknowledged batch: when its first attempt went out, and its size. */
  batches: { sentFrom: number; size: number }[];
}

export function createFailoverDesk(props: {
  session: DeskSession;
  workstation: string;
  /** Recorded during the outage, sequence 1, 2, 3, … */
  transactions: readonly OfflineTransaction[];
}): FailoverDesk {
  return {
    workstation: props.workstation,
    session: props.session,
    held: new Map(props.transactions.map((t) => [t.id, { transaction: t, sentAt: null }])),
    acknowledged: new Set(),
    resent: 0,
    deleted: 0,
    lastSequence: props.transactions.length,
    batches: [],
  };
}

function heldView(desk: FailoverDesk) {
  return [...desk.held.values()].map(({ transaction, sentAt }) => ({
    id: transaction.id,
    workstation: transaction.workstation,
    sequence: transaction.sequence,
    sentAt,
  }));
}

function unsent(desk: FailoverDesk): OfflineTransaction[] {
  return [...desk.held.values()]
    .filter((h) => h.sentAt === null)
    .map((h) => h.transaction)
    .toSorted((a, b) => a.sequence - b.sequence);
}

/**
 * Acknowledged in batches first sent after `since`: committed after it, whatever the timing of
 * the acknowledgement.
 */
export function acknowledgedSentAfter(desk: FailoverDesk, since: number): number {
  return desk.batches.filter((b) => b.sentFrom > since).reduce((sum, b) => sum + b.size, 0);
}

/** Sent and still kept: not yet confirmed by an answer the standbys had caught up with. */
export function unconfirmedSent(desk: FailoverDesk): number {
  return [...desk.held.values()].filter((h) => h.sentAt !== null).length;
}

/** Reports as the offline client does after a send, and applies the answer. Retries until heard. */
export async function report(
  desk: FailoverDesk,
  deadline: number,
): Promise<OfflineClientReportAnswer> {
  const body: OfflineClientReport = {
    installed: true,
    appVersion: null,
    snapshotTakenAt: null,
    lastSequence: desk.lastSequence,
    unsent: unsent(desk).length,
    journal: 'unsupported',
  };
  for (;;) {
    try {
      const response = await fetch(`${desk.session.baseUrl}/api/offline/client-state`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          cookie: desk.session.cookie,
          [CSRF_HEADER]: desk.session.csrfToken,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.ok) {
        const answer = OfflineClientReportAnswer.parse(JSON.parse(text));
        apply(desk, answer);
        return answer;
      }
      if (response.status < 500) throw new Error(`Report refused: ${response.status} ${text}`);
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TypeError' && name !== 'TimeoutError' && name !== 'AbortError') throw error;
    }
    if (Date.now() > deadline) throw new NotAcknowledgedError('The report was never answered.');
    await sleep(RETRY_PAUSE_MS);
  }
}

function apply(desk: FailoverDesk, answer: OfflineClientReportAnswer): void {
  const { workstation } = desk;
  for (const id of transactionsToResend({
    workstation,
    server: answer.sequences,
    held: heldView(desk),
  })) {
    desk.held.get(id)!.sentAt = null;
    desk.resent += 1;
  }
  if (!answer.replicated) return;
  const confirmation: Confirmation = { workstation, sequences: answer.sequences };
  for (const entry of heldView(desk)) {
    if (isConfirmed(entry, confirmation)) {
      desk.held.delete(entry.id);
      desk.deleted += 1;
    }
  }
}

/** Sends what is unsent in batches, reporting after each, until nothing is unsent. */
export async function sendAll(
  desk: FailoverDesk,
  props: { batchSize: number; stats: SendStats; deadline: number },
): Promise<void> {
  for (let batch = unsent(desk).slice(0, props.batchSize); batch.length > 0;) {
    const sentFrom = Date.now();
    await sendUntilAcknowledged({
      session: desk.session,
      transactions: batch,
      stats: props.stats,
      deadline: props.deadline,
    });
    const at = Date.now();
    desk.batches.push({ sentFrom, size: batch.length });
    for (const t of batch) {
      const held = desk.held.get(t.id);
      if (held) held.sentAt = at;
      desk.acknowledged.add(t.id);
    }
    await report(desk, props.deadline);
    batch = unsent(desk).slice(0, props.batchSize);
  }
}

/**
 * Sends and reports until the server has confirmed everything: nothing unsent, nothing kept.
 * Resolves to how many rounds it took.
 */
export async function sendUntilConfirmed(
  desk: FailoverDesk,
  props: { batchSize: number; stats: SendStats; deadline: number },
): Promise<number> {
  for (let round = 1; ; round += 1) {
    await sendAll(desk, props);
    await report(desk, props.deadline);
    if (desk.held.size === 0) return round;
    if (Date.now() > props.deadline) {
      throw new NotAcknowledgedError(
        `${desk.workstation} still keeps ${desk.held.size} transactions the server never confirmed.`,
      );
    }
    await sleep(RETRY_PAUSE_MS);
  }
}

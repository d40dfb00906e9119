// After a database failover with asynchronous replication, the new primary may lack transactions
// the old one acknowledged. A workstation still holds them (sent transactions stay until deleted),
// so the server's report answer tells it which to send again, and a sent transaction may be
// deleted only once an answer the database's standbys had caught up with confirms it received.
// Pure: the browser (src/browser/recovery) and the fault trials' desks follow the same rules.
import type { ReceivedSequences, SequenceRun } from './clientState.ts';
import { countOf } from './recovery.ts';

/** What a rule needs of a stored transaction. */
export interface HeldTransaction {
  id: string;
  workstation: string;
  sequence: number;
  /** Epoch ms the server acknowledged it; null while unsent. */
  sentAt: number | null;
}

/** A report answer about one workstation that every standby of the database had flushed. */
export interface Confirmation {
  workstation: string;
  sequences: ReceivedSequences;
}

function inRuns(sequence: number, runs: readonly SequenceRun[]): boolean {
  return runs.some((run) => sequence >= run.from && sequence <= run.to);
}

/**
 * The ids of `held` transactions of `workstation` that the server acknowledged once but now reports
 * missing: send them again. Their ids make the second sending idempotent wherever they did arrive.
 */
export function transactionsToResend(props: {
  workstation: string;
  server: ReceivedSequences;
  held: readonly HeldTransaction[];
}): string[] {
  const { workstation, server } = props;
  if (server.missing.length === 0) return [];
  return props.held
    .filter(
      (t) =>
        t.workstation === workstation && t.sentAt !== null && inRuns(t.sequence, server.missing),
    )
    .map((t) => t.id);
}

/**
 * Whether a sent transaction may be deleted from the workstation: a confirmation (an answer the
 * standbys had caught up with) about its workstation says the server received its number. A number
 * past the end of a missing list cut short is not known to be received, so it is kept.
 */
export function isConfirmed(
  transaction: HeldTransaction,
  confirmation: Confirmation | null,
): boolean {
  if (confirmation === null || transaction.sentAt === null) return false;
  if (transaction.workstation !== confirmation.workstation) return false;
  const { sequences } = confirmation;
  if (transaction.sequence > sequences.highestReceived) return false;
  if (inRuns(transaction.sequence, sequences.missing)) return false;
  const listedAll = countOf(sequences.missing) >= sequences.missingCount;
  const lastListed = sequences.missing.at(-1)?.to ?? 0;
  return listedAll || transaction.sequence < lastListed;
}

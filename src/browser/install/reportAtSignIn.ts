// At each staff sign-in the staff app tells the server how this browser's offline client stands
// (installed or not) and, from the server's answer, notices transactions of this workstation that
// never reached the server and that this browser no longer holds: a wipe (cleared site data,
// another browser profile) that would otherwise start the desk silently from nothing.
import {
  findLostTransactions,
  NOTHING_LOST,
  type LostTransactions,
} from '../../shared/offline/recovery.ts';
import type { SequenceRun } from '../../shared/offline/clientState.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { buildClientReport, sendClientReport } from './clientReport.ts';

/**
 * The sequence numbers of `workstation` this browser still stores (sent or not), looked up only
 * within `runs`: the server's missing runs are all that matter, and reading just those keeps a
 * browser holding tens of thousands of transactions quick.
 */
export async function sequencesHeldHere(
  db: OfflineDb,
  workstation: string,
  runs: readonly SequenceRun[],
): Promise<number[]> {
  const held: number[] = [];
  const index = db.transaction('transactions').store.index('byWorkstationSequence');
  for (const run of runs) {
    let cursor = await index.openKeyCursor(
      IDBKeyRange.bound([workstation, run.from], [workstation, run.to]),
    );
    while (cursor) {
      held.push(cursor.key[1]);
      cursor = await cursor.continue();
    }
  }
  return held;
}

export interface ReportAtSignInProps {
  /** The session's workstation: the server files the report under it whatever the browser says. */
  workstation: string;
  installed: boolean;
  csrfToken: string;
  /** Tests use their own database and server. */
  dbName?: string;
  fetch?: typeof fetch;
}

/**
 * Sends this browser's report and resolves to what is lost: numbers the server never received and
 * this browser does not hold. Rejects when the report could not be built or sent.
 */
export async function reportAtSignIn(props: ReportAtSignInProps): Promise<LostTransactions> {
  const db = await openOfflineDb(props.dbName);
  try {
    const report = await buildClientReport(db, props.workstation, { installed: props.installed });
    const { sequences } = await sendClientReport(report, {
      csrfToken: props.csrfToken,
      fetch: props.fetch,
    });
    if (sequences.missingCount === 0) return NOTHING_LOST;
    return findLostTransactions({
      server: sequences,
      heldHere: await sequencesHeldHere(db, props.workstation, sequences.missing),
    });
  } finally {
    db.close();
  }
}

// At each staff sign-in the staff app tells the server how this browser's offline client stands
// (installed or not) and, from the server's answer, notices transactions of this workstation that
// never reached the server and that this browser no longer holds: a wipe (cleared site data,
// another browser profile) that would otherwise start the desk silently from nothing.
import {
  findLostTransactions,
  NOTHING_LOST,
  type LostTransactions,
} from '../../shared/offline/recovery.ts';
import { heldSequences } from '../recovery/heldSequences.ts';
import { writeReceivedSequences } from '../recovery/receivedSequencesStore.ts';
import { openOfflineDb } from '../storage/database.ts';
import { buildClientReport, sendClientReport } from './clientReport.ts';

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
    // Kept for the offline client, which starts from the freshest word the server ever gave.
    await writeReceivedSequences(db, {
      workstation: props.workstation,
      sequences,
      storedAt: Date.now(),
    });
    if (sequences.missingCount === 0) return NOTHING_LOST;
    return findLostTransactions({
      server: sequences,
      heldHere: await heldSequences(db, props.workstation, sequences.missing),
    });
  } finally {
    db.close();
  }
}

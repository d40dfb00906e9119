// At each staff sign-in the staff app tells the server how this browser's offline client stands
// (installed or not) and, from the server's answer, notices transactions of this workstation that
// never reached the server and that this browser no longer holds: a wipe (cleared site data,
// another browser profile) that would otherwise start the desk silently from nothing.
import type { LostTransactions } from '../../shared/offline/recovery.ts';
import { reportAndKeep } from '../recovery/clientReporting.ts';
import { lostOf } from '../recovery/lostTransactions.ts';
import { openOfflineDb } from '../storage/database.ts';

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
    const { sequences } = await reportAndKeep(db, props);
    return await lostOf(db, props.workstation, sequences);
  } finally {
    db.close();
  }
}

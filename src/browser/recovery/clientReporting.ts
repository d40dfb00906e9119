// The offline client's report, from wherever this browser stands (issue 14): after a send that
// reached the server and once the offline client finds the server at start. The session gives the
// workstation the server files it under and the CSRF token; the answer, what the server received
// from that workstation, is kept for the wipe check and handed to whoever listens. A report is a
// courtesy: every failure resolves to null, never to a rejection.
import type { ReceivedSequences } from '../../shared/offline/clientState.ts';
import { SessionInfo } from '../../shared/api/session.ts';
import { buildClientReport, sendClientReport } from '../install/clientReport.ts';
import { callServer } from '../server/callServer.ts';
import { SESSION_URL } from '../sending/transport.ts';
import { openOfflineDb, type OfflineDb } from '../storage/database.ts';
import { writeReceivedSequences } from './receivedSequencesStore.ts';
import { reopenMissing, writeConfirmation } from './resendMissing.ts';

/** Like the report itself: a courtesy never holds anything up for long. */
const SESSION_TIMEOUT_MS = 10_000;

export interface ClientReported {
  workstation: string;
  sequences: ReceivedSequences;
  /**
   * Sent transactions made unsent again because the server lacks them (a database failover lost
   * them): when above 0, the sending should run again.
   */
  reopened: number;
  /** Whether the signed-in staff member may upload offline files (to say who recovers them). */
  mayUpload: boolean;
}

type Listener = (reported: ClientReported) => void;
const listeners = new Set<Listener>();

/** Calls `listener` after each report this page makes; returns the call that stops it. */
export function onClientReported(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface ReportOptions {
  /** The service worker and a snapshot are here (the offline client is running: true). */
  installed: boolean;
  fetch?: typeof fetch;
  /** Epoch ms, this workstation's clock: when the answer was stored. */
  now?: () => number;
}

/**
 * Sends this browser's report for `workstation` (the session's) and keeps the server's answer for
 * the offline client, which starts from the freshest word the server ever gave. An answer the
 * standbys had caught up with is kept as the confirmation deleting sent transactions goes by, and
 * sent transactions the answer lists as missing are made unsent again, for the next sending to
 * send once more (a database failover lost them). Rejects when the report could not be built,
 * sent or kept.
 */
export async function reportAndKeep(
  db: OfflineDb,
  props: { workstation: string; csrfToken: string; installed: boolean } & Pick<
    ReportOptions,
    'fetch' | 'now'
  >,
): Promise<{ sequences: ReceivedSequences; reopened: number }> {
  const { workstation, csrfToken, installed, fetch, now = Date.now } = props;
  const report = await buildClientReport(db, workstation, { installed });
  const { sequences, replicated } = await sendClientReport(report, { csrfToken, fetch });
  await writeReceivedSequences(db, { workstation, sequences, storedAt: now() });
  if (replicated) await writeConfirmation(db, { workstation, sequences });
  return { sequences, reopened: await reopenMissing(db, workstation, sequences) };
}

/**
 * Reports this browser's offline client for the signed-in session's workstation and stores the
 * server's answer. Null when nobody is signed in, no workstation is set, or anything fails.
 */
export async function reportOfflineClient(
  db: OfflineDb,
  options: ReportOptions,
): Promise<ClientReported | null> {
  const { installed, fetch, now = Date.now } = options;
  try {
    const session = await callServer('GET', SESSION_URL, SessionInfo, {
      fetch,
      cache: 'no-store',
      timeoutMs: SESSION_TIMEOUT_MS,
    });
    if (session.workstation === null) return null;
    const workstation = session.workstation.name;
    const { sequences, reopened } = await reportAndKeep(db, {
      workstation,
      csrfToken: session.csrfToken,
      installed,
      fetch,
      now,
    });
    const reported: ClientReported = {
      workstation,
      sequences,
      reopened,
      mayUpload: session.actions.includes('offline.uploadFile'),
    };
    for (const listener of listeners) listener(reported);
    return reported;
  } catch {
    return null;
  }
}

/**
 * Reports after a send, on a connection of its own closed again at once (the sender's screens
 * hold no database at hand; another tab upgrading the database closes it, and the report is lost).
 */
export async function reportAfterSend(
  options: ReportOptions & { dbName?: string },
): Promise<ClientReported | null> {
  let db: OfflineDb;
  try {
    db = await openOfflineDb(options.dbName, (event) => (event.target as IDBDatabase).close());
  } catch {
    return null;
  }
  try {
    return await reportOfflineClient(db, options);
  } finally {
    db.close();
  }
}

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

/** Like the report itself: a courtesy never holds anything up for long. */
const SESSION_TIMEOUT_MS = 10_000;

export interface ClientReported {
  workstation: string;
  sequences: ReceivedSequences;
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
 * the offline client, which starts from the freshest word the server ever gave. Rejects when the
 * report could not be built, sent or kept.
 */
export async function reportAndKeep(
  db: OfflineDb,
  props: { workstation: string; csrfToken: string; installed: boolean } & Pick<
    ReportOptions,
    'fetch' | 'now'
  >,
): Promise<ReceivedSequences> {
  const { workstation, csrfToken, installed, fetch, now = Date.now } = props;
  const report = await buildClientReport(db, workstation, { installed });
  const { sequences } = await sendClientReport(report, { csrfToken, fetch });
  await writeReceivedSequences(db, { workstation, sequences, storedAt: now() });
  return sequences;
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
    const sequences = await reportAndKeep(db, {
      workstation,
      csrfToken: session.csrfToken,
      installed,
      fetch,
      now,
    });
    const reported: ClientReported = {
      workstation,
      sequences,
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

// Tells the server how this browser's offline client stands (issue 14): installed or not, its
// version and snapshot age, how many transactions of this workstation it has recorded and not yet
// sent, and its journal. Sent at each staff sign-in and after each send; supervisors see the latest
// in the workstation list, and the answer (what the server received from this workstation) lets
// the client notice transactions lost to a wipe.
import {
  OfflineClientReport,
  OfflineClientReportAnswer,
} from '../../shared/offline/clientState.ts';
import { readJournalState } from '../journal/journalState.ts';
import { callServer } from '../server/callServer.ts';
import type { OfflineDb } from '../storage/database.ts';
import { readSnapshot } from '../storage/localState.ts';

export const CLIENT_STATE_URL = '/api/offline/client-state';
/** A report is a courtesy: it never holds anything up for long. */
const REPORT_TIMEOUT_MS = 10_000;

/** This browser's report for `workstation` (the session's workstation, which the server uses). */
export async function buildClientReport(
  db: OfflineDb,
  workstation: string,
  props: { installed: boolean },
): Promise<OfflineClientReport> {
  const snapshot = await readSnapshot(db);
  const counter = await db.get('counters', workstation);
  return OfflineClientReport.parse({
    installed: props.installed && snapshot !== null,
    appVersion: snapshot?.appVersion ?? null,
    snapshotTakenAt: snapshot?.takenAt ?? null,
    lastSequence: counter?.lastSequence ?? 0,
    unsent: Math.min(counter?.unsent ?? 0, counter?.lastSequence ?? 0),
    journal: await readJournalState(db),
  });
}

/** Sends the report; resolves to the server's answer. Rejects like callServer when it fails. */
export function sendClientReport(
  report: OfflineClientReport,
  options: { csrfToken: string; fetch?: typeof fetch },
): Promise<OfflineClientReportAnswer> {
  return callServer('PUT', CLIENT_STATE_URL, OfflineClientReportAnswer, {
    body: report,
    csrfToken: options.csrfToken,
    fetch: options.fetch,
    timeoutMs: REPORT_TIMEOUT_MS,
  });
}

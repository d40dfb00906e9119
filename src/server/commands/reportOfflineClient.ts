// A workstation's offline client reports its state (at each staff sign-in and after each send) and
// learns in return which of its sequence numbers the server has: a browser that finds its storage
// empty while the server knows of numbers never received can say so at once.
import type { Kysely } from 'kysely';
import type {
  OfflineClientReport,
  OfflineClientReportAnswer,
} from '../../shared/offline/clientState.ts';
import { MAX_SEQUENCE_JUMP } from '../../shared/offline/clientState.ts';
import { saveOfflineClientReport } from '../db/offlineClientReports.ts';
import { highestKnownSequence, receivedSequences } from '../db/receivedSequences.ts';
import { standbysHaveCaughtUp } from '../db/standbys.ts';
import { CircaError } from '../errors.ts';
import type { Database, StaffUser, Workstation } from '../db/schema.ts';

export interface ReportOfflineClientProps {
  db: Kysely<Database>;
  /** The browser's claims about itself, already bounded by the OfflineClientReport schema. */
  report: OfflineClientReport;
  /** The session's workstation and staff member: the report cannot name others. */
  workstation: Workstation;
  user: StaffUser;
  /** The server's clock (epoch ms). */
  now: number;
}

export async function reportOfflineClient(
  props: ReportOfflineClientProps,
): Promise<OfflineClientReportAnswer> {
  const { db, report, workstation, user, now } = props;
  // A claim beyond what the desk could have recorded since the server last heard of it is refused:
  // it would raise the highest reported number for good.
  const known = await highestKnownSequence(db, workstation);
  if (report.lastSequence > known + MAX_SEQUENCE_JUMP) {
    throw new CircaError(
      'BAD_REQUEST',
      400,
      `The offline client reported transaction number ${report.lastSequence}, but the server knows of numbers up to ${known} from ${workstation.name}: no desk records ${MAX_SEQUENCE_JUMP} transactions between two reports. Nothing was stored; reload the offline client.`,
      { field: 'lastSequence', highestKnown: known },
    );
  }
  await saveOfflineClientReport(db, {
    report,
    workstationId: workstation.id,
    staffUserId: user.id,
    at: now,
  });
  const sequences = await receivedSequences(db, workstation.name);
  // Asked after the count, so the standbys must hold at least what it counted.
  return { sequences, replicated: await standbysHaveCaughtUp(db) };
}

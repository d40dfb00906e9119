// A workstation's offline client reports its state (at each staff sign-in and after each send) and
// learns in return which of its sequence numbers the server has: a browser that finds its storage
// empty while the server knows of numbers never received can say so at once.
import type { Kysely } from 'kysely';
import type {
  OfflineClientReport,
  OfflineClientReportAnswer,
} from '../../shared/offline/clientState.ts';
import { saveOfflineClientReport } from '../db/offlineClientReports.ts';
import { receivedSequences } from '../db/receivedSequences.ts';
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
  await saveOfflineClientReport(db, {
    report,
    workstationId: workstation.id,
    staffUserId: user.id,
    at: now,
  });
  return { sequences: await receivedSequences(db, workstation.name) };
}

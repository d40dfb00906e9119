// The latest report of each workstation's offline client (migration 0015): one row per workstation,
// replaced by each report except highest_sequence_reported, which only grows, so a wiped browser
// reporting 0 cannot hide the numbers an earlier report said were recorded there.
import { sql, type Kysely } from 'kysely';
import type { OfflineClientReport, OfflineClientState } from '../../shared/offline/clientState.ts';
import type { Database } from './schema.ts';

export interface SaveOfflineClientReportProps {
  report: OfflineClientReport;
  /** From the session, never from the report. */
  workstationId: number;
  staffUserId: number;
  /** The server's clock (epoch ms). */
  at: number;
}

/** Keeps this report as the workstation's latest (insert … on conflict, on both engines). */
export async function saveOfflineClientReport(
  db: Kysely<Database>,
  { report, workstationId, staffUserId, at }: SaveOfflineClientReportProps,
): Promise<void> {
  const fields = {
    installed: report.installed ? 1 : 0,
    app_version: report.appVersion,
    snapshot_taken_at: report.snapshotTakenAt,
    last_sequence: report.lastSequence,
    unsent: report.unsent,
    journal: report.journal,
    reported_at: at,
    reported_by: staffUserId,
  };
  await db
    .insertInto('offline_client_reports')
    .values({
      workstation_id: workstationId,
      highest_sequence_reported: report.lastSequence,
      ...fields,
    })
    .onConflict((oc) =>
      oc.column('workstation_id').doUpdateSet({
        ...fields,
        // Whichever is higher: what was reported before, or this report's own count.
        highest_sequence_reported: sql<number>`case
          when offline_client_reports.highest_sequence_reported > excluded.last_sequence
          then offline_client_reports.highest_sequence_reported
          else excluded.last_sequence end`,
      }),
    )
    .execute();
}

/** The latest report of every workstation that has one (or of one), keyed by workstation id. */
export async function offlineClientStates(
  db: Kysely<Database>,
  onlyWorkstationId: number | null = null,
): Promise<Map<number, OfflineClientState>> {
  const rows = await db
    .selectFrom('offline_client_reports')
    .leftJoin('staff_users', 'staff_users.id', 'offline_client_reports.reported_by')
    .selectAll('offline_client_reports')
    .select('staff_users.display_name')
    .$if(onlyWorkstationId !== null, (qb) =>
      qb.where('offline_client_reports.workstation_id', '=', onlyWorkstationId ?? 0),
    )
    .execute();
  return new Map(
    rows.map((row) => [
      row.workstation_id,
      {
        installed: row.installed === 1,
        appVersion: row.app_version,
        snapshotTakenAt: row.snapshot_taken_at === null ? null : Number(row.snapshot_taken_at),
        lastSequence: Number(row.last_sequence),
        highestSequenceReported: Number(row.highest_sequence_reported),
        unsent: Number(row.unsent),
        journal: row.journal,
        reportedAt: Number(row.reported_at),
        reportedBy: row.display_name,
      },
    ]),
  );
}

/** Forgets a workstation's reports (before the workstation itself is removed). */
export async function deleteOfflineClientReport(
  db: Kysely<Database>,
  workstationId: number,
): Promise<void> {
  await db
    .deleteFrom('offline_client_reports')
    .where('workstation_id', '=', workstationId)
    .execute();
}

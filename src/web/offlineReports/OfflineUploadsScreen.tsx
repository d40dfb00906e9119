// "Offline uploads": every sending and file upload, latest first, each linking to its report;
// what has not arrived yet; and the way to the report by workstation and day.
import { useState } from 'react';
import { Link } from 'wouter';
import type { OfflineUpload } from '../../shared/api/offline.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { ScrollingTable } from '../components/ScrollingTable.tsx';
import { may } from '../session/may.ts';
import { useBranchTimeZone, useSession } from '../session/SessionContext.tsx';
import { MissingTransactions, workstationReportHref } from './MissingTransactions.tsx';
import { ReportFinder } from './ReportFinder.tsx';
import { describeSource } from './uploadWords.ts';
import { useRemote } from './useRemote.ts';

/** Uploads per page: a few weeks of a busy library. */
const UPLOADS_PAGE_SIZE = 50;

export function OfflineUploadsScreen() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  // The list answers no total: one more than a page tells whether there is a next page.
  const uploads = useRemote(`uploads-${offset}`, () =>
    api.listOfflineUploads({ limit: UPLOADS_PAGE_SIZE + 1, offset }),
  );
  const rows = uploads.data?.uploads.slice(0, UPLOADS_PAGE_SIZE);
  const more = (uploads.data?.uploads.length ?? 0) > UPLOADS_PAGE_SIZE;

  return (
    <main className="screen screen--wide" aria-labelledby="offline-uploads-title">
      <h1 id="offline-uploads-title">Offline uploads</h1>
      <p className="muted">
        Offline transactions sent by workstations, and offline files uploaded by supervisors, with
        what became of each transaction.
        <SupervisorLinks
          upload={may(session, 'offline.uploadFile')}
          exceptions={may(session, 'offline.exceptions.manage')}
        />
      </p>
      <MissingTransactions />
      <section aria-labelledby="uploads-title">
        <h2 id="uploads-title">Uploads</h2>
        {uploads.error ? <LoadError>{describeError(uploads.error)}</LoadError> : null}
        {rows === undefined && uploads.loading ? (
          <p className="muted">Loading the uploads…</p>
        ) : null}
        {rows !== undefined ? (
          <>
            <UploadTable
              uploads={rows}
              mayOpen={(upload) =>
                may(session, 'offline.report.readAll') ||
                (upload.workstation !== null && upload.workstation === session.workstation?.name)
              }
            />
            {offset > 0 || more ? (
              <nav className="pager" aria-label="Pages of uploads">
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - UPLOADS_PAGE_SIZE))}
                >
                  Newer uploads
                </button>
                <button
                  type="button"
                  disabled={!more}
                  onClick={() => setOffset(offset + UPLOADS_PAGE_SIZE)}
                >
                  Older uploads
                </button>
              </nav>
            ) : null}
          </>
        ) : null}
      </section>
      <ReportFinder />
    </main>
  );
}

/** The supervisor pages this session may open, after the introduction. */
function SupervisorLinks({ upload, exceptions }: { upload: boolean; exceptions: boolean }) {
  if (!upload && !exceptions) return null;
  return (
    <>
      {' '}
      {upload ? <Link href="/offline-uploads/new">Upload offline file</Link> : null}
      {upload && exceptions ? ' · ' : null}
      {exceptions ? <Link href="/offline-exceptions">Offline exceptions</Link> : null}
    </>
  );
}

/**
 * The uploads, each linking to its report when this session may read it: the desk reads its own
 * workstation's reports and sees its branch's other sendings as counts only.
 */
function UploadTable({
  uploads,
  mayOpen,
}: {
  uploads: readonly OfflineUpload[];
  mayOpen: (upload: OfflineUpload) => boolean;
}) {
  const timeZone = useBranchTimeZone();
  if (uploads.length === 0) {
    return <p className="muted">No offline transactions have reached the server yet.</p>;
  }
  return (
    <ScrollingTable className="loan-table" caption="Uploads, latest first">
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">By</th>
          <th scope="col">Workstation</th>
          <th scope="col">Source</th>
          <th scope="col">Transactions</th>
          <th scope="col">Applied</th>
          <th scope="col">With warnings</th>
          <th scope="col">Exceptions</th>
          <th scope="col">Report</th>
        </tr>
      </thead>
      <tbody>
        {uploads.map((upload) => (
          <tr key={upload.id}>
            <td className="nowrap">{formatDateTime(upload.receivedAt, timeZone)}</td>
            <td>{upload.staff.displayName}</td>
            <td>
              {upload.workstation && mayOpen(upload) ? (
                <Link href={workstationReportHref(upload.workstation)}>{upload.workstation}</Link>
              ) : (
                (upload.workstation ?? '—')
              )}
            </td>
            <td>{describeSource(upload)}</td>
            <td>
              {upload.transactionCount}
              {upload.duplicateCount > 0 ? (
                <span className="muted"> ({upload.duplicateCount} already sent)</span>
              ) : null}
            </td>
            <td>{upload.summary.applied}</td>
            <td>{upload.summary.appliedWithWarning}</td>
            <td>{upload.summary.exception}</td>
            <td>
              {mayOpen(upload) ? (
                <Link href={`/offline-uploads/${upload.id}`}>Report of upload {upload.id}</Link>
              ) : (
                <span className="muted">For supervisors</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

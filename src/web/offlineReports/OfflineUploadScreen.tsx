// The report of one upload: who sent what from where, its outcome counts, and every transaction
// it brought to the server.
import { Link } from 'wouter';
import type { OfflineUpload } from '../../shared/api/offline.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { useBranchTimeZone } from '../session/SessionContext.tsx';
import { ReportView } from './ReportView.tsx';
import { describeSource } from './uploadWords.ts';
import { useRemote } from './useRemote.ts';

export function OfflineUploadScreen({ uploadId }: { uploadId: number }) {
  // The upload itself, once; the report below loads its own pages.
  const upload = useRemote(`upload-${uploadId}`, () =>
    api.getOfflineUpload(uploadId, {}, { limit: 1, offset: 0 }),
  );

  return (
    <main className="screen screen--wide" aria-labelledby="offline-upload-title">
      <p className="breadcrumb">
        <Link href="/offline-uploads">Offline uploads</Link>
      </p>
      <h1 id="offline-upload-title">Offline upload {uploadId}</h1>
      {upload.error ? <LoadError>{describeError(upload.error)}</LoadError> : null}
      {upload.data ? (
        <>
          <UploadFacts upload={upload.data.upload} />
          <ReportView
            filter={{ uploadId }}
            caption={`Transactions of upload ${uploadId}`}
            load={async (tableFilter, page) =>
              (await api.getOfflineUpload(uploadId, tableFilter, page)).report
            }
          />
        </>
      ) : upload.loading ? (
        <p className="muted">Loading the upload…</p>
      ) : null}
    </main>
  );
}

function UploadFacts({ upload }: { upload: OfflineUpload }) {
  const timeZone = useBranchTimeZone();
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Received</dt>
          <dd>{formatDateTime(upload.receivedAt, timeZone)}</dd>
        </div>
        <div>
          <dt>By</dt>
          <dd>
            {upload.staff.displayName} ({upload.staff.username})
          </dd>
        </div>
        <div>
          <dt>Workstation</dt>
          <dd>
            {upload.workstation ? (
              <Link
                href={`/offline-report?${new URLSearchParams({ workstation: upload.workstation })}`}
              >
                {upload.workstation}
              </Link>
            ) : (
              'Not named'
            )}
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{describeSource(upload)}</dd>
        </div>
        <div>
          <dt>Transactions in the upload</dt>
          <dd>{upload.transactionCount}</dd>
        </div>
        <div>
          <dt>Already on the server</dt>
          <dd>{upload.duplicateCount}</dd>
        </div>
      </dl>
      {upload.duplicateCount > 0 ? (
        <p className="muted">
          Transactions already on the server were stored by an earlier upload and are reported
          there, so this report lists the {upload.newCount} this upload brought first. The report a
          sending’s <strong>View report</strong> opens shows all it carried.
        </p>
      ) : null}
    </>
  );
}

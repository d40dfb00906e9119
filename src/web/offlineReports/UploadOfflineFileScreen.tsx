// "Upload offline file" (supervisors): a circa-offline backup saved by the offline client, or a
// Koha .koc file, through the same path as a direct send. A file with any error is refused whole,
// and the page lists the server's errors by line and field.
import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { MAX_UPLOAD_BYTES, type OfflineUploadResult } from '../../shared/api/offline.ts';
import { OfflineFileError, formatOfflineFileError } from '../../shared/offlineFile/index.ts';
import { ApiRequestError, api, describeError } from '../api/client.ts';
import type { UploadProgress } from '../../browser/server/uploadProgress.ts';
import { SendResultSummary } from './SendResultSummary.tsx';
import { SupervisorOnly } from './SupervisorOnly.tsx';

/** What the file input suggests; the server goes by the content, whatever the name. */
const ACCEPTED_FILES = '.jsonl,.circa-offline,.koc,.txt,text/plain';

const MIB = 1024 * 1024;

const FileErrorDetails = z.object({
  errors: z.array(OfflineFileError),
  truncated: z.boolean().optional(),
});

type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; progress: UploadProgress | null }
  | { phase: 'done'; fileName: string; result: OfflineUploadResult }
  | { phase: 'refused'; fileName: string; error: unknown };

export function UploadOfflineFileScreen() {
  return (
    <main className="screen" aria-labelledby="upload-offline-file-title">
      <h1 id="upload-offline-file-title">Upload offline file</h1>
      <p className="muted">
        A backup file saved by the offline client (circa-offline, .jsonl), or a Koha offline
        circulation file (.koc). Transactions already on the server are recognised and not stored
        twice, so uploading a file again is safe.
      </p>
      <SupervisorOnly action="offline.uploadFile" task="upload offline files">
        <UploadForm />
      </SupervisorOnly>
    </main>
  );
}

function UploadForm() {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  /** A problem found before sending anything: no file chosen, or one too large. */
  const [notSent, setNotSent] = useState<string | null>(null);

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (file === null) {
      setNotSent('Choose an offline file first.');
      setState({ phase: 'idle' });
      return;
    }
    // The server refuses it anyway, but only after the browser has sent 32 MiB or more.
    if (file.size > MAX_UPLOAD_BYTES) {
      setNotSent(
        `${file.name} is larger than ${MAX_UPLOAD_BYTES / MIB} MiB, so it was not uploaded. Split it into several files and upload each.`,
      );
      setState({ phase: 'idle' });
      return;
    }
    setNotSent(null);
    const fileName = file.name;
    setState({ phase: 'uploading', fileName, progress: null });
    try {
      const result = await api.uploadOfflineFile(file, {
        fileName,
        onProgress: (progress) =>
          setState((current) =>
            current.phase === 'uploading' ? { ...current, progress } : current,
          ),
      });
      setState({ phase: 'done', fileName, result });
    } catch (error) {
      setState({ phase: 'refused', fileName, error });
    }
  }

  const uploading = state.phase === 'uploading';
  return (
    <>
      <form className="inline-form" onSubmit={upload}>
        <div>
          <label htmlFor={inputId}>
            <span>Offline file</span>
          </label>
          <input
            id={inputId}
            type="file"
            accept={ACCEPTED_FILES}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setNotSent(null);
            }}
          />
        </div>
        <button type="submit" className="button--primary" disabled={uploading}>
          Upload
        </button>
      </form>
      {notSent ? (
        <div role="alert" className="alerts">
          <p>{notSent}</p>
        </div>
      ) : null}
      {state.phase === 'uploading' ? (
        <Progress fileName={state.fileName} progress={state.progress} />
      ) : null}
      {state.phase === 'done' ? <Uploaded fileName={state.fileName} result={state.result} /> : null}
      {state.phase === 'refused' ? <Refused fileName={state.fileName} error={state.error} /> : null}
    </>
  );
}

function Progress({ fileName, progress }: { fileName: string; progress: UploadProgress | null }) {
  const percent = progress?.total
    ? Math.min(100, Math.round((progress.sent / progress.total) * 100))
    : null;
  const text = progress?.done
    ? `${fileName} is on the server: storing and processing its transactions…`
    : `Sending ${fileName}${percent === null ? '…' : `: ${percent}%`}`;
  return (
    <div className="upload-progress">
      <progress
        aria-label="Upload progress"
        max={100}
        value={progress?.done ? undefined : (percent ?? undefined)}
      />
      <p role="status">{text}</p>
    </div>
  );
}

function Uploaded({ fileName, result }: { fileName: string; result: OfflineUploadResult }) {
  return (
    <>
      <p>
        {fileName} was accepted: {result.stored} new{' '}
        {result.stored === 1 ? 'transaction' : 'transactions'} stored.
      </p>
      <SendResultSummary
        summary={result.summary}
        reportHref={`/offline-uploads/${result.uploadId}`}
        duplicates={result.duplicates}
      />
      {result.sequenceConflicts.length > 0 ? (
        <div className="notice">
          <p>
            Some sequence numbers are used by two different transactions. Both are kept; check that
            two workstations do not share a name:
          </p>
          <ul>
            {result.sequenceConflicts.map((conflict) => (
              <li key={`${conflict.workstation}-${conflict.sequence}`}>
                Workstation {conflict.workstation}, number {conflict.sequence}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function Refused({ fileName, error }: { fileName: string; error: unknown }) {
  const refusedBeforeStoring =
    error instanceof ApiRequestError && error.status >= 400 && error.status < 500;
  const details =
    error instanceof ApiRequestError ? FileErrorDetails.safeParse(error.details) : null;
  return (
    <div role="alert" className="alerts upload-refused">
      {refusedBeforeStoring ? (
        <p>{fileName} was not uploaded: nothing from it was stored.</p>
      ) : null}
      <p className="upload-refused__reason">{describeError(error)}</p>
      {details?.success && details.data.errors.length > 0 ? (
        <>
          <ul className="file-errors">
            {details.data.errors.map((fileError, index) => (
              <li key={index}>{formatOfflineFileError(fileError)}</li>
            ))}
          </ul>
          {details.data.truncated ? (
            <p>More problems follow; correct these first and upload the file again.</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

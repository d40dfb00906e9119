// "Import" (administrators, under Administration): bring in a library's patrons or items from a file in two steps. Upload
// it; the server reads it and shows what it would create, update and refuse (each refusal with its
// line or record, field and reason); then import it, or cancel. Nothing changes before the second
// step, and a failed import changes nothing at all.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  IMPORT_REFUSALS_PAGE_SIZE,
  ImportKind,
  type ImportPreview,
} from '../../shared/api/imports.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import type { UploadProgress } from '../../browser/server/uploadProgress.ts';
import { AdminPage } from '../admin/AdminPage.tsx';
import { api, describeError } from '../api/client.ts';
import { ScrollingTable } from '../components/ScrollingTable.tsx';
import { Pager } from '../offlineReports/Pager.tsx';
import { SupervisorOnly } from '../offlineReports/SupervisorOnly.tsx';
import { useBranchTimeZone } from '../session/SessionContext.tsx';
import {
  isMarcKind,
  KIND_FILES,
  KIND_LABELS,
  progressPercent,
  statusSentence,
} from './importWords.ts';

/** How often the screen asks how the import is getting on. */
const POLL_INTERVAL_MS = 500;

export function ImportScreen() {
  return (
    <AdminPage
      id="import"
      title="Import"
      intro={
        <>
          Bring in the library’s patrons or items from a CSV file, or items from MARC 21 records
          with holdings (binary .mrc or MARCXML). You see what the file would change before anything
          is stored; importing the same file again changes nothing. See docs/importing.md for the
          columns.
        </>
      }
    >
      <SupervisorOnly action="import.run" task="import patrons and items">
        <Importer />
      </SupervisorOnly>
    </AdminPage>
  );
}

function Importer() {
  const [kind, setKind] = useState<ImportKind>('patrons-csv');
  const [barcodeTag, setBarcodeTag] = useState('952');
  const [barcodeSubfield, setBarcodeSubfield] = useState('p');
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<UploadProgress | 'starting' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [offset, setOffset] = useState(0);
  const ids = { kind: useId(), file: useId(), tag: useId(), subfield: useId() };

  const job = preview?.import ?? null;
  const busy = job?.status === 'previewing' || job?.status === 'applying';
  const jobId = job?.id;
  const status = job?.status;

  // Poll while the server reads or stores the file, and when the page of refusals changes.
  useEffect(() => {
    // A cancelled import has nothing more to show; any other is read again when its status moves.
    if (jobId === undefined || status === 'cancelled') return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await api.getImport(jobId, { offset, limit: IMPORT_REFUSALS_PAGE_SIZE });
        if (stopped) return;
        setPreview(next);
        if (next.import.status === 'previewing' || next.import.status === 'applying') {
          timer = setTimeout(load, POLL_INTERVAL_MS);
        }
      } catch (error) {
        if (!stopped) setProblem(describeError(error));
      }
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, offset, status]);

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (file === null) {
      setProblem('Choose the file to import first.');
      return;
    }
    setProblem(null);
    setSending('starting');
    try {
      const started = await api.startImport(
        file,
        {
          kind,
          fileName: file.name,
          ...(isMarcKind(kind) ? { barcodeTag, barcodeSubfield } : {}),
        },
        (progress) => setSending(progress),
      );
      setOffset(0);
      setPreview({ import: started, refusals: [], refusalCount: 0 });
    } catch (error) {
      // What was chosen stays chosen: correct it and upload again.
      setProblem(describeError(error));
    } finally {
      setSending(null);
    }
  }

  async function act(action: 'confirm' | 'cancel') {
    if (!job) return;
    setProblem(null);
    try {
      const next =
        action === 'confirm' ? await api.confirmImport(job.id) : await api.cancelImport(job.id);
      setPreview((current) => current && { ...current, import: next });
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  const finished = job && !busy && job.status !== 'previewed';
  return (
    <>
      {job === null || finished ? (
        <form className="inline-form" onSubmit={upload} aria-label="Upload a file to import">
          <div>
            <label htmlFor={ids.kind}>
              <span>What the file holds</span>
            </label>
            <select
              id={ids.kind}
              value={kind}
              onChange={(event) => setKind(ImportKind.parse(event.target.value))}
            >
              {ImportKind.options.map((option) => (
                <option key={option} value={option}>
                  {KIND_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
          {isMarcKind(kind) ? (
            <>
              <div>
                <label htmlFor={ids.tag}>
                  <span>Barcode tag</span>
                </label>
                <input
                  id={ids.tag}
                  value={barcodeTag}
                  size={4}
                  inputMode="numeric"
                  onChange={(event) => setBarcodeTag(event.target.value)}
                />
              </div>
              <div>
                <label htmlFor={ids.subfield}>
                  <span>Barcode subfield</span>
                </label>
                <input
                  id={ids.subfield}
                  value={barcodeSubfield}
                  size={2}
                  onChange={(event) => setBarcodeSubfield(event.target.value)}
                />
              </div>
            </>
          ) : null}
          <div>
            <label htmlFor={ids.file}>
              <span>File</span>
            </label>
            <input
              id={ids.file}
              type="file"
              accept={KIND_FILES[kind]}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setProblem(null);
              }}
            />
          </div>
          <button type="submit" className="button--primary" disabled={sending !== null}>
            Upload and preview
          </button>
        </form>
      ) : null}
      {problem ? (
        <div role="alert" className="alerts">
          <p>{problem}</p>
        </div>
      ) : null}
      {sending !== null ? <Sending progress={sending} /> : null}
      {job ? (
        <ImportState
          preview={preview!}
          offset={offset}
          onPage={setOffset}
          onConfirm={() => void act('confirm')}
          onCancel={() => void act('cancel')}
        />
      ) : null}
    </>
  );
}

function Sending({ progress }: { progress: UploadProgress | 'starting' }) {
  const percent =
    progress !== 'starting' && progress.total
      ? Math.min(100, Math.round((progress.sent / progress.total) * 100))
      : null;
  return (
    <div className="upload-progress">
      <progress aria-label="Upload progress" max={100} value={percent ?? undefined} />
      <p role="status">
        {percent === null ? 'Sending the file…' : `Sending the file: ${percent}%`}
      </p>
    </div>
  );
}

function ImportState({
  preview,
  offset,
  onPage,
  onConfirm,
  onCancel,
}: {
  preview: ImportPreview;
  offset: number;
  onPage(offset: number): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  const job = preview.import;
  const timeZone = useBranchTimeZone();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const percent = progressPercent(job);
  const busy = job.status === 'previewing' || job.status === 'applying';
  // When the server has answered, the focus goes to what it said (and the buttons after it).
  useEffect(() => {
    if (!busy) headingRef.current?.focus();
  }, [busy]);
  const storable = job.counts.create + job.counts.update;
  return (
    <section aria-labelledby="import-state-title">
      <h2 id="import-state-title" ref={headingRef} tabIndex={-1}>
        {job.status === 'applied' ? 'Imported' : job.status === 'previewed' ? 'Preview' : 'Import'}
        {job.fileName ? `: ${job.fileName}` : ''}
      </h2>
      {busy ? (
        <div className="upload-progress">
          <progress
            aria-label={job.status === 'previewing' ? 'Reading progress' : 'Storing progress'}
            max={100}
            value={percent ?? undefined}
          />
        </div>
      ) : null}
      <p role="status">{statusSentence(job)}</p>
      <dl className="facts">
        <dt>To create</dt>
        <dd>{job.counts.create}</dd>
        <dt>To update</dt>
        <dd>{job.counts.update}</dd>
        <dt>Unchanged</dt>
        <dd>{job.counts.unchanged}</dd>
        <dt>Refused</dt>
        <dd>{job.counts.refused}</dd>
        <dt>Started</dt>
        <dd>
          {formatDateTime(job.startedAt, timeZone)} by {job.startedBy}
        </dd>
        {job.finishedAt !== null ? (
          <>
            <dt>Finished</dt>
            <dd>{formatDateTime(job.finishedAt, timeZone)}</dd>
          </>
        ) : null}
      </dl>
      {job.status === 'previewed' ? (
        <div className="inline-form">
          <button
            type="button"
            className="button--primary"
            disabled={job.counts.refused > 0}
            onClick={onConfirm}
          >
            Import {storable} {storable === 1 ? 'row' : 'rows'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel import
          </button>
        </div>
      ) : null}
      {preview.refusalCount > 0 ? (
        <>
          <ScrollingTable className="loan-table" caption="Refused">
            <thead>
              <tr>
                <th scope="col">{job.position === 'line' ? 'Line' : 'Record'}</th>
                <th scope="col">Field</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {preview.refusals.map((refusal, i) => (
                <tr key={`${refusal.line}-${refusal.field}-${i}`}>
                  <td>{refusal.line}</td>
                  <td>{refusal.field}</td>
                  <td>{refusal.reason}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
          <Pager
            offset={offset}
            pageSize={IMPORT_REFUSALS_PAGE_SIZE}
            total={preview.refusalCount}
            noun="refusals"
            onChange={onPage}
          />
        </>
      ) : null}
    </section>
  );
}

// Settings → Journal: keep a copy of every transaction in a folder on this computer (File System
// Access API, Chrome and Edge), see where it is written, and what an older journal there holds
// that the server never received.
import { useState } from 'react';
import type { ChooseResult, Journal } from '../../browser/journal/journal.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { describeRuns } from '../../shared/offline/recovery.ts';
import { journalFileName } from '../../shared/offline/journalFile.ts';
import { useJournalStatus } from '../journal/useJournalStatus.ts';

export function JournalTab(props: {
  journal: Journal;
  workstation: string;
  timeZone: string;
  /** The branch's date now ('YYYY-MM-DD'). */
  today: () => string;
}) {
  const { journal, workstation } = props;
  const status = useJournalStatus(journal);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<ChooseResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const choose = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setChosen(await journal.choose());
    } catch {
      setFailure('The folder could not be opened. Try again, or choose another folder.');
    } finally {
      setBusy(false);
    }
  };

  const intro = (
    <p>
      A journal file keeps a copy of every transaction in a folder on this computer, written before
      the row shows as recorded, so no loan is lost even if this browser&apos;s data is cleared.
      Each day&apos;s journal file is an offline file a supervisor can upload from any computer.
    </p>
  );

  if (status.state === 'unsupported') {
    return (
      <>
        {intro}
        <p className="alert alert--notice">
          This browser cannot keep a journal file (it needs Chrome or Edge). Save a backup file at
          the end of each day.
        </p>
      </>
    );
  }

  if (status.state === 'off') {
    return (
      <>
        {intro}
        <h3>Keep a journal file on this computer</h3>
        <p>Choose a folder on this computer (not a network drive that may be unavailable).</p>
        <button type="button" onClick={() => void choose()} disabled={busy}>
          Choose folder…
        </button>
        {failure && (
          <p className="alert" role="alert">
            {failure}
          </p>
        )}
      </>
    );
  }

  const todaysFile = journalFileName({ workstation, day: props.today() });
  // The file written beside one that is not a journal (…-2.jsonl) when that is where today goes.
  const file =
    status.lastFile?.startsWith(todaysFile.replace(/\.jsonl$/, '')) === true
      ? status.lastFile
      : todaysFile;
  return (
    <>
      {intro}
      <dl className="facts">
        <dt>Journal</dt>
        <dd>{status.state === 'on' ? 'On' : 'Cannot write to the folder'}</dd>
        <dt>Folder</dt>
        <dd>{status.folderName}</dd>
        <dt>File being written today</dt>
        <dd>{file}</dd>
        <dt>Last written</dt>
        <dd>
          {status.lastWrittenAt === null
            ? 'Not yet since this page was opened'
            : formatDateTime(status.lastWrittenAt, props.timeZone)}
        </dd>
      </dl>
      {status.state === 'unwritable' && (
        <p className="alert" role="alert">
          Circa cannot write the journal in {status.folderName} (
          {status.problem?.reason ?? 'the computer refused to write the file'}). Transactions are
          still recorded in this browser; the journal catches up as soon as the folder can be
          written again.
        </p>
      )}
      {status.problem?.permissionLost && (
        <button type="button" onClick={() => void journal.allowAgain()}>
          Allow Circa to write the journal again
        </button>
      )}
      {status.keptAside.map((name) => (
        <p key={name} className="alert alert--notice">
          The file {name} in the folder is not a journal of workstation {workstation}, so Circa left
          it as it is and writes the journal in a file beside it.
        </p>
      ))}
      {chosen?.journalOnly && (
        <div className="alert alert--warning" role="alert">
          <p>
            This folder&apos;s journal holds {chosen.journalOnly.count} transaction
            {chosen.journalOnly.count === 1 ? '' : 's'} of workstation {workstation} that the server
            has not received and this browser no longer has (number
            {chosen.journalOnly.runs.length === 1 &&
            chosen.journalOnly.runs[0]!.from === chosen.journalOnly.runs[0]!.to
              ? ''
              : 's'}{' '}
            {describeRuns(chosen.journalOnly.runs)}).
          </p>
          <p>
            Upload these files in Offline uploads → Upload offline file (or ask a supervisor to):{' '}
            {chosen.journalOnly.files.join(', ')}. Transactions the server already has are
            recognised and ignored, so uploading them is safe.
          </p>
        </div>
      )}
      <p>
        <button type="button" onClick={() => void choose()} disabled={busy}>
          Choose another folder
        </button>{' '}
        <button type="button" onClick={() => void journal.stop()} disabled={busy}>
          Stop keeping a journal
        </button>
      </p>
      <p>If you stop, the journal files already written stay in the folder.</p>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}

// What the desk shows about the journal: a small indicator beside Unsent, an alert when the
// journal folder can no longer be written, and the end-of-day reminder to save a backup file when
// no journal keeps the unsent transactions.
import type { Journal, JournalStatus } from '../../browser/journal/journal.ts';

/** "Journal: on" or "Journal: cannot write"; nothing when no journal is kept. */
export function JournalIndicator(props: { status: JournalStatus }) {
  const { state } = props.status;
  if (state !== 'on' && state !== 'unwritable') return null;
  return (
    <span className="journal-indicator" data-state={state}>
      Journal: {state === 'on' ? 'on' : 'cannot write'}
    </span>
  );
}

export function JournalUnwritableAlert(props: { status: JournalStatus; journal: Journal }) {
  const { status, journal } = props;
  if (status.state !== 'unwritable') return null;
  const reason = status.problem?.reason ?? 'the computer refused to write the file';
  return (
    <div className="alert" role="alert">
      <p>
        The journal folder {status.folderName ?? ''} can no longer be written ({reason}).
        Transactions are still recorded in this browser. Choose the folder again in Settings →
        Journal, and save a backup file before you leave.
      </p>
      {status.problem?.permissionLost && (
        <button type="button" onClick={() => void journal.allowAgain()}>
          Allow Circa to write the journal again
        </button>
      )}
    </div>
  );
}

/** Shown when no journal keeps them and transactions were recorded since the last backup file. */
export function EndOfDayReminder(props: {
  status: JournalStatus;
  keptOnlyHere: number;
  onSaveBackup: () => void;
}) {
  if (props.status.state === 'on' || props.keptOnlyHere === 0) return null;
  const n = props.keptOnlyHere;
  return (
    <p className="banner info" role="status">
      {n} transaction{n === 1 ? ' is' : 's are'} kept only in this browser: save a backup file
      before you close for the day.{' '}
      {/* Named apart from the header's "Save backup file", which stays the one to find by name. */}
      <button type="button" onClick={props.onSaveBackup}>
        Save a backup file now
      </button>
    </p>
  );
}

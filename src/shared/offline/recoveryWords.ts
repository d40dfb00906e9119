// The words for transactions lost to a wipe, shared by the staff app (at sign-in) and the offline
// client (at start), so both say the same thing: what is missing, why, and how to get it back.
import { describeRuns, type LostTransactions } from './recovery.ts';

export interface LostTransactionWords {
  heading: string;
  /** What to do, in order; each a sentence. */
  steps: string[];
}

/** The workstation as the journal and backup file names spell it (see backupFileName). */
function inFileName(workstation: string): string {
  return workstation.replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function describeLostTransactions(props: {
  workstation: string;
  lost: LostTransactions;
  /** Whether the reader may upload offline files (a supervisor) or must ask one. */
  mayUpload: boolean;
}): LostTransactionWords {
  const { workstation, lost, mayUpload } = props;
  const one = lost.count === 1;
  const oneNumber = lost.runs.length === 1 && lost.runs[0]!.from === lost.runs[0]!.to;
  const heading =
    `${lost.count} offline transaction${one ? '' : 's'} recorded at workstation ${workstation} ` +
    `(number${oneNumber ? '' : 's'} ${describeRuns(lost.runs)}) never reached the server, and ` +
    `this browser no longer ${one ? 'has it' : 'has them'}: its site data was cleared, or this ` +
    'is another browser.';
  const file = inFileName(workstation);
  const upload = mayUpload
    ? 'upload them in Offline uploads → Upload offline file'
    : 'ask a supervisor to upload them in Offline uploads → Upload offline file';
  return {
    heading,
    steps: [
      `If this computer keeps a journal (Settings → Journal in the offline client), find the files named circa-journal-${file}-….jsonl in the journal folder and ${upload}.`,
      `Otherwise find the backup files saved at this desk (circa-offline-${file}-….jsonl, usually in Downloads) and ${upload}.`,
      'The server recognises transactions it already has and skips them, so uploading a file twice, or a file that also holds sent transactions, does no harm.',
      `Until then, what ${one ? 'this transaction' : 'these transactions'} recorded (loans, returns, renewals) is missing from patron and item records.`,
    ],
  };
}

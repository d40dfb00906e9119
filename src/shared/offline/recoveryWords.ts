// The words for transactions lost to a wipe, shared by the staff app (at sign-in) and the offline
// client (at start), so both say the same thing: what is missing, why, and how to get it back.
import { describeRuns, type LostTransactions } from './recovery.ts';

export interface LostTransactionWords {
  heading: string;
  /** What to do, in order; each a sentence. */
  steps: string[];
}

export function describeLostTransactions(props: {
  workstation: string;
  lost: LostTransactions;
  /** Whether the reader may upload offline files (a supervisor) or must ask one. */
  mayUpload: boolean;
}): LostTransactionWords {
  const { workstation, lost, mayUpload } = props;
  const one = lost.count === 1;
  const heading = `${lost.count} offline transaction${one ? '' : 's'} recorded at workstation ${workstation} (number${lost.runs.length === 1 && lost.runs[0]!.from === lost.runs[0]!.to ? '' : 's'} ${describeRuns(lost.runs)}) never reached the server, and this browser no longer ${one ? 'has it' : 'has them'}: its site data was cleared, or this is another browser.`;
  const upload = mayUpload
    ? 'upload them in Offline → Upload offline file'
    : 'ask a supervisor to upload them in Offline → Upload offline file';
  return {
    heading,
    steps: [
      `If this computer keeps a journal, find the files named circa-journal-${workstation}-… in the journal folder and ${upload}.`,
      `Otherwise find the backup files saved at this desk (circa-offline-${workstation}-….jsonl, usually in Downloads) and ${upload}.`,
      'Transactions the server already has are recognised and ignored, so uploading a file twice, or a file that holds sent transactions too, is safe.',
      `Until then these loans are missing from patron records.`,
    ],
  };
}

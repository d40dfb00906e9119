// What became of the transactions just sent or uploaded, said plainly, with the way to the full
// report. Shown by the upload page and by the send banner, so both speak the same words.
import { Link } from 'wouter';
import type { OutcomeSummary } from '../../shared/api/offline.ts';
import { describeOutcomeSummary, transactionCount } from './outcomeWords.ts';

export interface SendResultSummaryProps {
  /** Outcomes of every transaction sent, new or repeated. */
  summary: OutcomeSummary;
  /** The uploads the sending made: one links to its report, several to the list of uploads. */
  uploadIds: readonly number[];
  /** Transactions the server already had (sent before), if the sender knows. */
  duplicates?: number;
}

export function SendResultSummary({ summary, uploadIds, duplicates = 0 }: SendResultSummaryProps) {
  const [onlyUpload] = uploadIds;
  const reportHref =
    uploadIds.length === 1 && onlyUpload !== undefined
      ? `/offline-uploads/${onlyUpload}`
      : '/offline-uploads';
  return (
    <div role="status" className="send-summary">
      <p className="send-summary__lead">
        The server has {transactionCount(summary.total)} from this sending:
      </p>
      <ul>
        {describeOutcomeSummary(summary, duplicates).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Link href={reportHref}>View report</Link>
    </div>
  );
}

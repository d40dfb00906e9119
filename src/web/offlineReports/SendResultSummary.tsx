// What became of the transactions just sent or uploaded, said plainly, with the way to the full
// report. Shown by the upload page and by the send banner, so both speak the same words.
import { Link } from 'wouter';
import type { OutcomeSummary } from '../../shared/api/offline.ts';
import { describeOutcomeSummary, describeRepeats, transactionCount } from './outcomeWords.ts';

export interface SendResultSummaryProps {
  /** Outcomes of every transaction sent, new or repeated, each counted once. */
  summary: OutcomeSummary;
  /** The report of exactly what was sent (sendingReport.ts), or of the one upload of a file. */
  reportHref: string;
  /** Transactions the server already had (sent before), if the sender knows. */
  duplicates?: number;
}

export function SendResultSummary({ summary, reportHref, duplicates = 0 }: SendResultSummaryProps) {
  const repeats = describeRepeats(duplicates, summary.total);
  return (
    <div role="status" className="send-summary">
      <p className="send-summary__lead">
        The server has {transactionCount(summary.total)} from this sending:
      </p>
      <ul>
        {describeOutcomeSummary(summary).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {repeats ? <p>{repeats}</p> : null}
      <Link href={reportHref}>View report</Link>
    </div>
  );
}

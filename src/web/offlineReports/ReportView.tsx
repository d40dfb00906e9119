// A report's body, shared by one upload's report and the report by workstation and day: the
// outcome counts, the "Outcome" filter (kept in the address, so a filtered report can be shared),
// the transactions a page at a time, and the same report as a CSV download.
import { useId, useState } from 'react';
import { useSearchParams } from 'wouter';
import {
  OfflineTransactionStatus,
  type OfflineReport,
  type OutcomeSummary,
} from '../../shared/api/offline.ts';
import { describeError } from '../api/client.ts';
import { reportCsvHref, type Page, type ReportFilter } from '../api/offlineReports.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useBranchTimeZone } from '../session/SessionContext.tsx';
import { OUTCOME_FILTER_ORDER, OUTCOME_NAMES } from './outcomeWords.ts';
import { Pager } from './Pager.tsx';
import { ReportTable } from './ReportTable.tsx';
import { useRemote } from './useRemote.ts';

/** Rows per page: a screenful to scan; the CSV has them all. */
export const REPORT_PAGE_SIZE = 100;

const SUMMARY_FIELDS: Record<OfflineTransactionStatus, keyof OutcomeSummary> = {
  applied: 'applied',
  applied_with_warning: 'appliedWithWarning',
  exception: 'exception',
  noted: 'noted',
  dismissed: 'dismissed',
  pending: 'pending',
};

export interface ReportViewProps {
  /** Which transactions, apart from the outcome filter (that comes from the address). */
  filter: Omit<ReportFilter, 'outcome'>;
  /** Loads one page of the report with the outcome filter applied. */
  load(outcome: OfflineTransactionStatus | undefined, page: Page): Promise<OfflineReport>;
  /** The table's caption, e.g. "Transactions of upload 4". */
  caption: string;
}

/** The outcome filter read from `?outcome=`; anything else means every outcome. */
export function useOutcomeParam(): [
  OfflineTransactionStatus | undefined,
  (outcome: OfflineTransactionStatus | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const parsed = OfflineTransactionStatus.safeParse(params.get('outcome'));
  const set = (outcome: OfflineTransactionStatus | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (outcome) next.set('outcome', outcome);
        else next.delete('outcome');
        return next;
      },
      { replace: true },
    );
  return [parsed.success ? parsed.data : undefined, set];
}

export function ReportView({ filter, load, caption }: ReportViewProps) {
  const timeZone = useBranchTimeZone();
  const [outcome, setOutcome] = useOutcomeParam();
  const [offset, setOffset] = useState(0);
  const outcomeId = useId();
  const page = { limit: REPORT_PAGE_SIZE, offset };
  const report = useRemote(`${JSON.stringify(filter)}|${outcome}|${offset}`, () =>
    load(outcome, page),
  );

  return (
    <section aria-labelledby="report-transactions-title" aria-busy={report.loading}>
      <h2 id="report-transactions-title">Transactions</h2>
      {report.data ? <SummaryCounts summary={report.data.summary} /> : null}
      <div className="inline-form">
        {/* Labelled by `for`, not by wrapping: the label's name stays "Outcome", without the
            chosen option's text. */}
        <div>
          <label htmlFor={outcomeId}>
            <span>Outcome</span>
          </label>
          <select
            id={outcomeId}
            value={outcome ?? ''}
            onChange={(event) => {
              const chosen = OfflineTransactionStatus.safeParse(event.target.value);
              setOffset(0);
              setOutcome(chosen.success ? chosen.data : undefined);
            }}
          >
            <option value="">Every outcome</option>
            {OUTCOME_FILTER_ORDER.map((status) => (
              <option key={status} value={status}>
                {OUTCOME_NAMES[status]}
                {report.data ? ` (${report.data.summary[SUMMARY_FIELDS[status]]})` : ''}
              </option>
            ))}
          </select>
        </div>
        <a href={reportCsvHref({ ...filter, outcome })} download>
          Download CSV
        </a>
      </div>
      {report.error ? <LoadError>{describeError(report.error)}</LoadError> : null}
      {report.data === undefined && report.loading ? (
        <p className="muted">Loading the report…</p>
      ) : null}
      {report.data ? (
        <>
          <ReportTable
            transactions={report.data.transactions}
            timeZone={timeZone}
            caption={caption}
          />
          <Pager
            offset={offset}
            pageSize={REPORT_PAGE_SIZE}
            total={report.data.total}
            noun="transactions"
            onChange={setOffset}
          />
        </>
      ) : null}
    </section>
  );
}

/** The counts whatever the outcome filter, so staff see the whole picture while filtering. */
export function SummaryCounts({ summary }: { summary: OutcomeSummary }) {
  const counts: Array<[string, number]> = [
    ['Transactions', summary.total],
    ['Applied', summary.applied],
    ['Applied with warnings', summary.appliedWithWarning],
    ['Exceptions', summary.exception],
  ];
  if (summary.noted > 0) counts.push(['Noted', summary.noted]);
  if (summary.dismissed > 0) counts.push(['Dismissed', summary.dismissed]);
  if (summary.pending > 0) counts.push(['Still being processed', summary.pending]);
  return (
    <dl className="facts outcome-counts">
      {counts.map(([label, count]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{count}</dd>
        </div>
      ))}
    </dl>
  );
}

// A report's body, shared by one upload's report and the report by workstation and day: the
// counts, the lists staff act on first (hold shelf, transit, new patrons), the "Outcome" and
// "Show" filters (kept in the address, so a filtered report can be shared), the transactions a
// page at a time, and the same report as a CSV download.
import { useId, useState } from 'react';
import { useSearchParams } from 'wouter';
import {
  OfflineTransactionStatus,
  type OfflineReport,
  type OutcomeSummary,
} from '../../shared/api/offline.ts';
import { describeError } from '../api/client.ts';
import {
  reportCsvHref,
  type Page,
  type ReportFilter,
  type ReportReview,
} from '../api/offlineReports.ts';
import { LoadError } from '../components/Alerts.tsx';
import { useBranchTimeZone } from '../session/SessionContext.tsx';
import { OUTCOME_FILTER_ORDER, OUTCOME_NAMES } from './outcomeWords.ts';
import { Pager } from './Pager.tsx';
import { ReportActionLists } from './ReportActionLists.tsx';
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

/** The table's filters that come from the address. */
export type TableFilter = Pick<ReportFilter, 'outcome' | 'review'>;

export interface ReportViewProps {
  /** Which transactions, apart from the table's filters (they come from the address). */
  filter: Omit<ReportFilter, 'outcome' | 'review'>;
  /** Loads one page of the report with the table's filters applied. */
  load(filter: TableFilter, page: Page): Promise<OfflineReport>;
  /** The table's caption, e.g. "Transactions of upload 4". */
  caption: string;
  /** The report of one sending: the uploads it made (ReportTable marks rows stored before). */
  sentIn?: readonly number[] | undefined;
}

const REVIEW_NAMES: Record<ReportReview, string> = {
  lent_anyway: 'Lent anyway',
  supervisor: 'For supervisor review',
};

/** The "Show" filter read from `?review=`; anything else means every transaction. */
function useReviewParam(): [ReportReview | undefined, (review: ReportReview | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('review');
  const review = raw === 'lent_anyway' || raw === 'supervisor' ? raw : undefined;
  const set = (chosen: ReportReview | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (chosen) next.set('review', chosen);
        else next.delete('review');
        return next;
      },
      { replace: true },
    );
  return [review, set];
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

export function ReportView({ filter, load, caption, sentIn }: ReportViewProps) {
  const timeZone = useBranchTimeZone();
  const [outcome, setOutcome] = useOutcomeParam();
  const [review, setReview] = useReviewParam();
  const [offset, setOffset] = useState(0);
  const outcomeId = useId();
  const reviewId = useId();
  const page = { limit: REPORT_PAGE_SIZE, offset };
  const report = useRemote(`${JSON.stringify(filter)}|${outcome}|${review}|${offset}`, () =>
    load({ outcome, review }, page),
  );

  return (
    <>
      {report.data ? <SummaryCounts report={report.data} /> : null}
      {report.data ? <ReportActionLists report={report.data} /> : null}
      <section aria-labelledby="report-transactions-title" aria-busy={report.loading}>
        <h2 id="report-transactions-title">Transactions</h2>
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
          <div>
            <label htmlFor={reviewId}>
              <span>Show</span>
            </label>
            <select
              id={reviewId}
              value={review ?? ''}
              onChange={(event) => {
                const chosen = event.target.value;
                setOffset(0);
                setReview(chosen === 'lent_anyway' || chosen === 'supervisor' ? chosen : undefined);
              }}
            >
              <option value="">Every transaction</option>
              {(['lent_anyway', 'supervisor'] as const).map((choice) => (
                <option key={choice} value={choice}>
                  {REVIEW_NAMES[choice]}
                  {choice === 'lent_anyway' && report.data ? ` (${report.data.lentAnyway})` : ''}
                </option>
              ))}
            </select>
          </div>
          <a href={reportCsvHref({ ...filter, outcome, review })} download>
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
              sentIn={sentIn}
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
    </>
  );
}

/** The counts whatever the filters, so staff see the whole picture while filtering. */
export function SummaryCounts({ report }: { report: OfflineReport }) {
  const { summary } = report;
  const counts: Array<[string, number]> = [
    ['Transactions', summary.total],
    ['Applied', summary.applied],
    ['Applied with warnings', summary.appliedWithWarning],
    ['Exceptions', summary.exception],
  ];
  if (summary.noted > 0) counts.push(['Noted', summary.noted]);
  if (summary.dismissed > 0) counts.push(['Dismissed', summary.dismissed]);
  if (summary.pending > 0) counts.push(['Still being processed', summary.pending]);
  if (report.toHoldShelf.length > 0) counts.push(['To hold shelf', report.toHoldShelf.length]);
  if (report.toTransit.length > 0) counts.push(['To send in transit', report.toTransit.length]);
  if (report.newPatrons.length > 0) counts.push(['New patrons', report.newPatrons.length]);
  if (report.lentAnyway > 0) counts.push(['Lent anyway', report.lentAnyway]);
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

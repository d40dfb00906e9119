// A patron's page: the summary and their current loans, with links to each item. The look-up
// carries the first loans; "Show more loans" fetches the next page, so a card with a thousand
// items out opens as fast as one with a few.
import { useState } from 'react';
import { Link } from 'wouter';
import type { PatronDetail } from '../../shared/api/circulation.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { LoanTable } from '../components/LoanTable.tsx';
import { LoansShown } from '../components/LoansShown.tsx';
import { PatronSummary } from '../components/PatronSummary.tsx';
import { appendLoanPage } from '../lib/loanPages.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useLoanTimeZone } from '../session/branches.ts';
import { PatronActions } from '../patrons/PatronActions.tsx';
import { PatronHolds } from '../holds/PatronHolds.tsx';
import { RenewAllControls, renewCell } from '../renewals/RenewButtons.tsx';
import { useRenewals } from '../renewals/useRenewals.ts';

/** Loans fetched per "Show more loans". */
const MORE_LOANS_PAGE_SIZE = 200;

export function PatronScreen({ barcode }: { barcode: string }) {
  const [patron, replacePatron] = useLoad(() => api.getPatron(barcode));
  const timeZoneOf = useLoanTimeZone();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const renewals = useRenewals({ patronBarcode: barcode });

  async function showMoreLoans(detail: PatronDetail) {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.getPatronLoans(barcode, {
        offset: detail.loans.length,
        limit: MORE_LOANS_PAGE_SIZE,
      });
      replacePatron({
        ...detail,
        loanCount: page.loanCount,
        loans: appendLoanPage(detail.loans, page.loans),
      });
    } catch (error) {
      setMoreError(describeError(error));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <main className="screen" aria-labelledby="patron-title">
      <h1 id="patron-title">Patron {barcode}</h1>
      {patron.status === 'loading' ? <p className="muted">Loading the patron…</p> : null}
      {patron.status === 'failed' ? <LoadError>{describeError(patron.error)}</LoadError> : null}
      {patron.status === 'loaded' ? (
        <>
          <PatronSummary patron={patron.data.patron} loanCount={patron.data.loanCount} />
          <PatronActions
            patron={patron.data.patron}
            onChanged={(changed) => replacePatron({ ...patron.data, patron: changed })}
          />
          <LoanTable
            caption="Current loans"
            loans={renewals.current(patron.data.loans)}
            timeZoneOf={timeZoneOf}
            empty="This patron has no items out."
            actions={renewCell(renewals)}
          />
          <RenewAllControls renewals={renewals} loanCount={patron.data.loanCount} />
          <LoansShown shown={patron.data.loans.length} total={patron.data.loanCount}>
            <button
              type="button"
              disabled={loadingMore}
              onClick={() => void showMoreLoans(patron.data)}
            >
              Show more loans
            </button>
          </LoansShown>
          {moreError ? <LoadError>{moreError}</LoadError> : null}
          <PatronHolds barcode={barcode} />
          <p>
            <Link href="/checkout">Go to Check Out</Link>
          </p>
        </>
      ) : null}
    </main>
  );
}

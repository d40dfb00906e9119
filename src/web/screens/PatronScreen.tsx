// A patron's page: the summary and every current loan, with links to each item.
import { Link } from 'wouter';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { LoanTable } from '../components/LoanTable.tsx';
import { PatronSummary } from '../components/PatronSummary.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { useLoanTimeZone } from '../session/branches.ts';

export function PatronScreen({ barcode }: { barcode: string }) {
  const [patron] = useLoad(() => api.getPatron(barcode));
  const timeZoneOf = useLoanTimeZone();

  return (
    <main className="screen" aria-labelledby="patron-title">
      <h1 id="patron-title">Patron {barcode}</h1>
      {patron.status === 'loading' ? <p className="muted">Loading the patron…</p> : null}
      {patron.status === 'failed' ? <LoadError>{describeError(patron.error)}</LoadError> : null}
      {patron.status === 'loaded' ? (
        <>
          <PatronSummary patron={patron.data.patron} loanCount={patron.data.loans.length} />
          <LoanTable
            caption="Current loans"
            loans={patron.data.loans}
            timeZoneOf={timeZoneOf}
            empty="This patron has no items out."
          />
          <p>
            <Link href="/checkout">Go to Check Out</Link>
          </p>
        </>
      ) : null}
    </main>
  );
}

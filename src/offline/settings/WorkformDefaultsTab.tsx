// Workform Defaults: the loan period offline check-outs get, and the loan rules as downloaded.
import { formatDay } from '../../shared/calendar/formatDates.ts';
import type { OfflineSnapshot } from '../../shared/offline/snapshot.ts';

export function WorkformDefaultsTab({ snapshot }: { snapshot: OfflineSnapshot }) {
  return (
    <div>
      <h3>Current loan period</h3>
      <p>
        <strong>{snapshot.defaultLoanDays} days</strong> — the library’s default loan period.
        Offline, this client cannot look up a patron’s type or an item’s material type, so every
        check-out is due after {snapshot.defaultLoanDays} days (moved to the next open day when the
        branch is closed) unless a Special Loan is in force. When the server is back, Circa applies
        each loan with the due date the patron was given.
      </p>
      <p>
        Closed days known through <strong>{formatDay(snapshot.knownThrough)}</strong>.
      </p>
      <table>
        <caption>Loan rules in force at {snapshot.branch.name}, as downloaded</caption>
        <thead>
          <tr>
            <th scope="col">Patron type</th>
            <th scope="col">Material type</th>
            <th scope="col">Loan days</th>
            <th scope="col">Most items</th>
            <th scope="col">Rule of</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.loanRules.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No loan rules were downloaded.
              </td>
            </tr>
          ) : (
            snapshot.loanRules.map((rule) => (
              <tr key={`${rule.patronType.code}×${rule.materialType.code}`}>
                <td>{rule.patronType.name}</td>
                <td>{rule.materialType.name}</td>
                <td>{rule.loanDays}</td>
                <td>{rule.maxItems}</td>
                <td>{rule.scope === 'branch' ? 'this branch' : 'the library'}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

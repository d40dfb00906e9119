// The renewal buttons a screen places beside a patron's loans: "Renew" in each loan's row, and
// "Renew all" with, for a supervisor, the "Renew anyway" reason form (see useRenewals.ts).
import { useState } from 'react';
import type { Loan } from '../../shared/api/circulation.ts';
import { ScanAlerts } from '../components/ScanAlerts.tsx';
import type { Renewals } from './useRenewals.ts';

/** "Renew" in a loan's row. */
export function RenewButton({ renewals, loan }: { renewals: Renewals; loan: Loan }) {
  return (
    <button type="button" disabled={renewals.working} onClick={() => void renewals.renewOne(loan)}>
      Renew
    </button>
  );
}

/** "Renew all", the supervisor's reason form, and an alert region when the screen has none. */
export function RenewAllControls({
  renewals,
  loanCount,
}: {
  renewals: Renewals;
  loanCount: number;
}) {
  return (
    <section className="renewals" aria-label="Renewals">
      {loanCount > 0 && renewals.mayRenew ? (
        <div className="actions record-actions">
          <button
            type="button"
            disabled={renewals.working}
            onClick={() => void renewals.renewAll()}
          >
            Renew all
          </button>
        </div>
      ) : null}
      {renewals.askingAnyway ? <RenewAnywayForm renewals={renewals} /> : null}
      {renewals.ownAlertRegion ? (
        <ScanAlerts messages={renewals.alerts.alerts} onDismiss={renewals.alerts.clear} />
      ) : null}
    </section>
  );
}

function RenewAnywayForm({ renewals }: { renewals: Renewals }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const anyway = renewals.askingAnyway;
  if (!anyway) return null;
  const what = anyway.kind === 'one' ? `"${anyway.loan.item.title}"` : 'all the loans';
  return (
    <form
      className="inline-form"
      aria-label="Renew anyway"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const given = reason.trim();
        if (given === '') {
          setProblem('Say why: the reason is kept with the renewal, with your name.');
          return;
        }
        renewals.stopAskingAnyway();
        void (anyway.kind === 'one'
          ? renewals.renewOne(anyway.loan, given)
          : renewals.renewAll(given));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') renewals.stopAskingAnyway();
      }}
    >
      <label>
        <span>Why renew {what} anyway?</span>
        <input
          autoFocus
          value={reason}
          maxLength={200}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" className="button--primary">
        Renew with this reason
      </button>
      <button type="button" onClick={renewals.stopAskingAnyway}>
        Cancel
      </button>
      {problem ? (
        <div role="alert" className="alerts">
          <p>{problem}</p>
        </div>
      ) : null}
    </form>
  );
}

/** The "Renew" cell for LoanTable's `actions`, or none when the session may not renew. */
export function renewCell(renewals: Renewals) {
  return renewals.mayRenew
    ? (loan: Loan) => <RenewButton renewals={renewals} loan={loan} />
    : undefined;
}

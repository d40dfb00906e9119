// The renewal buttons a screen places beside a patron's loans: "Renew" in each loan's row, and
// "Renew all" with, for a supervisor, the "Renew anyway" reason form (see useRenewals.ts).
import type { Loan } from '../../shared/api/circulation.ts';
import { ReasonForm } from '../components/ReasonForm.tsx';
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
  const anyway = renewals.askingAnyway;
  if (!anyway) return null;
  const what = anyway.kind === 'one' ? `"${anyway.loan.item.title}"` : 'all the loans';
  return (
    <ReasonForm
      name="Renew anyway"
      question={`Why renew ${what} anyway?`}
      submitLabel="Renew with this reason"
      whenEmpty="Say why: the reason is kept with the renewal, with your name."
      onReason={(reason) => {
        renewals.stopAskingAnyway();
        void (anyway.kind === 'one'
          ? renewals.renewOne(anyway.loan, reason)
          : renewals.renewAll(reason));
      }}
      onCancel={renewals.stopAskingAnyway}
    />
  );
}

/** The "Renew" cell for LoanTable's `actions`, or none when the session may not renew. */
export function renewCell(renewals: Renewals) {
  return renewals.mayRenew
    ? (loan: Loan) => <RenewButton renewals={renewals} loan={loan} />
    : undefined;
}

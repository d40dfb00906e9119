// The Check Out screen: patron barcode, then item barcodes; each loan appears in the list only once
// it is stored durably, and a failed write is announced at once. Complete prints the receipt when
// Print Options say so and clears the screen for the next patron (so does the next patron's card
// scanned into "Item barcode", or Alt+C). Refusals and warnings play the desk's sounds. A card the
// block list names keeps "Item barcode" shut until staff choose Lend anyway or Cancel. The visit's
// logic lives in CheckOutSession; this component draws it.
import { useEffect, useState } from 'react';
import type { DueDateBasis } from '../../shared/offline/transaction.ts';
import { branchToday, type DeskContext } from '../../browser/desk/deskSession.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import type { PrintOptions, SpecialLoanSetting } from '../../browser/storage/localState.ts';
import {
  CheckOutSession,
  mayScanItems,
  type CompletedVisit,
  type SpecialLoanScope,
} from '../../browser/checkout/checkOutSession.ts';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';
import { describeTerm } from '../../browser/checkout/specialLoanTerm.ts';
import { CompleteActions } from '../desk/CompleteActions.tsx';
import { PatronScanForm } from '../desk/PatronScanForm.tsx';
import { RecordedTable } from '../desk/RecordedTable.tsx';
import { ScanAlerts } from '../desk/ScanAlerts.tsx';
import { printDueDateReceipt, usePatronVisit } from '../desk/usePatronVisit.ts';
import { SpecialLoanForm } from './SpecialLoanForm.tsx';

export function basisLabel(basis: DueDateBasis): string {
  switch (basis.kind) {
    case 'rule':
      return `Loan period (${basis.loanDays} days)`;
    case 'special_loan':
      return 'Special Loan: this loan';
    case 'special_patron':
      return 'Special Loan: this patron';
    case 'special_all':
      return 'Special Loan: all check-outs';
  }
}

export function CheckOutScreen(props: {
  context: DeskContext;
  printOptions: PrintOptions;
  specialLoanSetting: SpecialLoanSetting;
  onRecorded: () => void;
  onPatronInProgress: (inProgress: boolean) => void;
  /** A card to start with, e.g. a patron just registered at Register Patron. */
  initialPatron?: string;
}) {
  const { context, printOptions, specialLoanSetting, onRecorded, onPatronInProgress } = props;
  const allTerm = specialLoanSetting.applyToAll ? specialLoanSetting.term : null;
  const { initialPatron } = props;
  const [session] = useState(() => {
    const created = new CheckOutSession(context, allTerm, onRecorded);
    if (initialPatron !== undefined) created.enterPatron(initialPatron);
    return created;
  });
  // A change in Settings → Special Loan applies from the next scan on.
  useEffect(() => session.setAllCheckOutsTerm(allTerm), [session, allTerm]);
  const [specialOpen, setSpecialOpen] = useState(false);

  const printVisit = (visit: CompletedVisit) => {
    if (visit.loans.length > 0 && printOptions.printReceipts) {
      printDueDateReceipt(context, printOptions, { patron: visit.patron, items: visit.loans });
    }
  };

  const form = usePatronVisit(session, {
    printVisit,
    onPatronInProgress,
    onCompleted: () => setSpecialOpen(false),
  });
  const { state, complete } = form;
  const { patron, loans, patronTerm, nextLoanTerm, alert, history, notice, listedCard } = state;
  const today = () => branchToday(context);

  const closeSpecialLoan = () => {
    setSpecialOpen(false);
    form.focusItemField();
  };

  const applySpecialLoan = (scope: SpecialLoanScope, term: SpecialLoanTerm) => {
    session.setSpecialLoan(scope, term);
    closeSpecialLoan();
  };

  return (
    <section aria-labelledby="checkout-heading">
      <h2 id="checkout-heading">Check Out</h2>
      {allTerm && (
        <p className="banner" role="status">
          Special Loan for all check-outs is on: every loan is {describeTerm(allTerm)}. Turn it off
          in Settings → Special Loan.
        </p>
      )}
      {patronTerm && (
        <p className="banner" role="status">
          Special Loan for this patron: {describeTerm(patronTerm)} until Complete.
        </p>
      )}
      {nextLoanTerm && (
        <p className="banner" role="status">
          Special Loan for the next loan only: {describeTerm(nextLoanTerm)}.
        </p>
      )}
      <ScanAlerts alert={alert} history={history} />
      {notice && <p className="banner info">{notice}</p>}
      <PatronScanForm
        form={form}
        idPrefix=""
        patronLocked={loans.length > 0}
        itemsAllowed={mayScanItems(state)}
      />
      {listedCard !== null && state.lentAnyway === null && (
        <div className="actions" role="group" aria-label="Card on the block list">
          <button
            type="button"
            onClick={() => {
              session.lendAnyway();
              form.focusItemField();
            }}
          >
            Lend anyway
          </button>
          <button type="button" onClick={() => void complete()}>
            Cancel
          </button>
        </div>
      )}
      {state.lentAnyway !== null && (
        <p className="banner" role="status">
          Lending anyway: each loan to this patron records that the block list named the card.
        </p>
      )}
      <CompleteActions onComplete={() => void complete()} recording={state.pendingScans > 0}>
        <button
          type="button"
          onClick={() => setSpecialOpen((open) => !open)}
          disabled={patron === null}
          aria-expanded={specialOpen}
        >
          Special Loan
        </button>
      </CompleteActions>
      {specialOpen && (
        <SpecialLoanForm today={today} onApply={applySpecialLoan} onCancel={closeSpecialLoan} />
      )}
      <RecordedTable
        caption={patron === null ? 'No patron yet' : `Loans to this patron (${loans.length})`}
        columns={['Due date', 'Decided by']}
        rows={loans.map(({ entry, due }) => ({
          entry,
          cells: [formatDay(due.dueDate), basisLabel(due.basis)],
        }))}
        empty={
          patron === null ? 'Scan the patron’s library card to start.' : 'Scan the first item.'
        }
      />
    </section>
  );
}

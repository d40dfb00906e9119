// The Check Out screen: patron barcode, then item barcodes; each loan appears in the list only once
// it is stored durably, and a failed write is announced at once. Complete prints the receipt when
// Print Options say so and clears the screen for the next patron (so does the next patron's card
// scanned into "Item barcode", or Alt+C). Refusals and warnings play the desk's sounds. A card the
// block list names keeps "Item barcode" shut until staff choose Lend anyway or Cancel. The visit's
// logic lives in CheckOutSession; this component draws it.
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { localDate } from '../../shared/calendar/dueDates.ts';
import type { DueDateBasis } from '../../shared/offline/transaction.ts';
import { buildReceipt } from '../../browser/receipt/receipt.ts';
import { soundScanMessage } from '../../browser/desk/scanMessages.ts';
import { COMPLETE_SHORTCUT, isCompleteShortcut } from '../../browser/desk/shortcuts.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { printReceipt } from '../../browser/receipt/printReceipt.ts';
import type { PrintOptions, SpecialLoanSetting } from '../../browser/storage/localState.ts';
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import {
  CheckOutSession,
  mayScanItems,
  type CompletedVisit,
  type SpecialLoanScope,
} from '../../browser/checkout/checkOutSession.ts';
import { ScanAlerts } from './ScanAlerts.tsx';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';
import { SpecialLoanForm } from './SpecialLoanForm.tsx';
import { describeTerm } from '../../browser/checkout/specialLoanTerm.ts';

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
  const { snapshot } = context;
  const allTerm = specialLoanSetting.applyToAll ? specialLoanSetting.term : null;
  const { initialPatron } = props;
  const [session] = useState(() => {
    const created = new CheckOutSession(context, allTerm, onRecorded);
    if (initialPatron !== undefined) created.enterPatron(initialPatron);
    return created;
  });
  // A change in Settings → Special Loan applies from the next scan on.
  useEffect(() => session.setAllCheckOutsTerm(allTerm), [session, allTerm]);
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { patron, loans, patronTerm, nextLoanTerm, alert, history, notice, listedCard } = state;
  const itemsAllowed = mayScanItems(state);
  const recording = state.pendingScans > 0;
  const [patronInput, setPatronInput] = useState(() => session.getState().patron ?? '');
  const [itemInput, setItemInput] = useState('');
  const [specialOpen, setSpecialOpen] = useState(false);
  const patronField = useRef<HTMLInputElement>(null);
  const itemField = useRef<HTMLInputElement>(null);

  // Each new message sounds once: a refusal buzzes, a warning chimes, a notice is silent.
  useEffect(() => {
    if (alert) soundScanMessage(alert.tone);
  }, [alert]);

  // The patron field shows whom the loans go to, also when the next card came through the item field.
  const [shownPatron, setShownPatron] = useState(patron);
  if (patron !== shownPatron) {
    setShownPatron(patron);
    if (patron !== null) setPatronInput(patron);
  }

  // A card handed over at mount goes straight on to its items.
  useEffect(() => {
    if (session.getState().patron !== null) itemField.current?.focus();
  }, [session]);

  const patronInProgress = patron !== null;
  useEffect(() => onPatronInProgress(patronInProgress), [onPatronInProgress, patronInProgress]);

  const today = () => localDate(context.now() + context.clockOffsetMs, snapshot.branch.timeZone);

  const submitPatron = (event: FormEvent) => {
    event.preventDefault();
    if (!session.enterPatron(patronInput)) {
      patronField.current?.select();
      return;
    }
    setPatronInput(session.getState().patron ?? '');
    queueMicrotask(() => itemField.current?.focus());
  };

  const submitItem = (event: FormEvent) => {
    event.preventDefault();
    const raw = itemInput;
    setItemInput('');
    void session.scanItem(raw).then((finished) => {
      // A patron's card: the visit before it is complete and gets its receipt.
      if (finished !== null) printVisit(finished);
    });
  };

  const printVisit = (visit: CompletedVisit) => {
    if (visit.loans.length > 0 && printOptions.printReceipts) {
      printReceipt(
        buildReceipt({
          libraryName: snapshot.libraryName,
          headerText: printOptions.headerText,
          branchName: snapshot.branch.name,
          timeZone: snapshot.branch.timeZone,
          printedAt: context.now(),
          patronBarcode: visit.patron,
          loans: visit.loans.map((l) => ({
            itemBarcode: l.entry.itemBarcode,
            dueDate: l.due.dueDate,
          })),
          recordedOffline: true,
        }),
        printOptions.paper,
      );
    }
  };

  const complete = async () => {
    const visit = await session.complete();
    if (visit !== null) printVisit(visit);
    setPatronInput('');
    setItemInput('');
    setSpecialOpen(false);
    queueMicrotask(() => patronField.current?.focus());
  };

  const latestComplete = useRef(complete);
  useEffect(() => {
    latestComplete.current = complete;
  });
  // Alt+C completes from anywhere on the screen, as in the staff app.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCompleteShortcut(event) || event.repeat) return;
      event.preventDefault();
      void latestComplete.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const closeSpecialLoan = () => {
    setSpecialOpen(false);
    queueMicrotask(() => itemField.current?.focus());
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
      <div className="scan-form">
        <form onSubmit={submitPatron} className="field">
          <label htmlFor="patron-barcode">Patron barcode</label>
          <input
            id="patron-barcode"
            ref={patronField}
            autoComplete="off"
            autoFocus
            value={patronInput}
            readOnly={loans.length > 0}
            onChange={(event) => setPatronInput(event.target.value)}
          />
        </form>
        <form onSubmit={submitItem} className="field">
          <label htmlFor="item-barcode">Item barcode</label>
          <input
            id="item-barcode"
            ref={itemField}
            autoComplete="off"
            disabled={!itemsAllowed}
            value={itemInput}
            onChange={(event) => setItemInput(event.target.value)}
          />
        </form>
      </div>
      {listedCard !== null && state.lentAnyway === null && (
        <div className="actions" role="group" aria-label="Card on the block list">
          <button
            type="button"
            onClick={() => {
              session.lendAnyway();
              queueMicrotask(() => itemField.current?.focus());
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
      <div className="actions">
        <button
          type="button"
          className="primary"
          aria-keyshortcuts={COMPLETE_SHORTCUT}
          onClick={() => void complete()}
        >
          Complete{' '}
          <kbd className="shortcut" aria-hidden="true">
            {COMPLETE_SHORTCUT}
          </kbd>
        </button>
        <button
          type="button"
          onClick={() => setSpecialOpen((open) => !open)}
          disabled={patron === null}
          aria-expanded={specialOpen}
        >
          Special Loan
        </button>
        {recording && <span role="status">Recording…</span>}
      </div>
      {specialOpen && (
        <SpecialLoanForm today={today} onApply={applySpecialLoan} onCancel={closeSpecialLoan} />
      )}
      <table>
        <caption>
          {patron === null ? 'No patron yet' : `Loans to this patron (${loans.length})`}
        </caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Item barcode</th>
            <th scope="col">Due date</th>
            <th scope="col">Decided by</th>
            <th scope="col">Record no.</th>
          </tr>
        </thead>
        <tbody>
          {loans.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                {patron === null
                  ? 'Scan the patron’s library card to start.'
                  : 'Scan the first item.'}
              </td>
            </tr>
          ) : (
            // "No." counts this patron's loans; the workstation's running number stays with the
            // record, where the report and the exceptions queue name it.
            loans.map(({ entry, due }, index) => (
              <tr key={entry.id}>
                <td>{index + 1}</td>
                <td>{entry.itemBarcode}</td>
                <td>{formatDay(due.dueDate)}</td>
                <td>{basisLabel(due.basis)}</td>
                <td>{entry.sequence}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}

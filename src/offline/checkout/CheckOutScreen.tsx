// The Check Out screen: patron barcode, then item barcodes; each loan appears in the list only once
// it is stored durably, and a failed write is announced at once. Complete prints the receipt when
// Print Options say so and clears the screen for the next patron.
import { useRef, useState, type FormEvent } from 'react';
import { DueDateError, localDate } from '../../shared/calendar/dueDates.ts';
import type { DueDateBasis } from '../../shared/offline/transaction.ts';
import { OutboxWriteError } from '../outbox/outbox.ts';
import { buildReceipt, formatDueDate } from '../receipt/receipt.ts';
import { printReceipt } from '../receipt/printReceipt.ts';
import type { PrintOptions, SpecialLoanSetting } from '../storage/localState.ts';
import {
  checkItemEntry,
  checkPatronEntry,
  recordCheckOut,
  type CheckOutContext,
  type RecordedLoan,
} from './checkOut.ts';
import type { SpecialLoanTerm } from './dueDate.ts';
import { SpecialLoanForm, type SpecialLoanScope } from './SpecialLoanForm.tsx';
import { describeTerm } from './specialLoanTerm.ts';

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

function problemMessage(error: unknown): string {
  if (error instanceof OutboxWriteError || error instanceof DueDateError) return error.message;
  return 'The loan was NOT recorded because of an unexpected error. Scan the item again; if it fails again, save a backup file and reload the page.';
}

export function CheckOutScreen(props: {
  context: CheckOutContext;
  printOptions: PrintOptions;
  specialLoanSetting: SpecialLoanSetting;
  onRecorded: () => void;
  onPatronInProgress: (inProgress: boolean) => void;
}) {
  const { context, printOptions, specialLoanSetting, onRecorded, onPatronInProgress } = props;
  const { snapshot } = context;
  const [patronInput, setPatronInput] = useState('');
  const [itemInput, setItemInput] = useState('');
  const [patron, setPatron] = useState<string | null>(null);
  const [loans, setLoans] = useState<RecordedLoan[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [patronTerm, setPatronTerm] = useState<SpecialLoanTerm | null>(null);
  const [nextLoanTerm, setNextLoanTerm] = useState<SpecialLoanTerm | null>(null);
  const [specialOpen, setSpecialOpen] = useState(false);
  const patronField = useRef<HTMLInputElement>(null);
  const itemField = useRef<HTMLInputElement>(null);
  // Scans wait for the one before: the duplicate check must see every loan already stored.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const loansRef = useRef<RecordedLoan[]>([]);

  const allTerm = specialLoanSetting.applyToAll ? specialLoanSetting.term : null;
  const today = () => localDate(context.now() + context.clockOffsetMs, snapshot.branch.timeZone);

  const submitPatron = (event: FormEvent) => {
    event.preventDefault();
    const check = checkPatronEntry(patronInput, snapshot);
    if (!check.ok) {
      setAlert(check.message);
      patronField.current?.select();
      return;
    }
    setAlert(null);
    setNotice(null);
    setPatron(check.barcode);
    setPatronInput(check.barcode);
    onPatronInProgress(true);
    queueMicrotask(() => itemField.current?.focus());
  };

  const submitItem = (event: FormEvent) => {
    event.preventDefault();
    if (patron === null) return;
    const raw = itemInput;
    setItemInput('');
    queue.current = queue.current.then(async () => {
      const check = checkItemEntry(
        raw,
        snapshot,
        loansRef.current.map((l) => l.entry),
      );
      if (!check.ok) {
        setAlert(check.message);
        return;
      }
      setRecording(true);
      try {
        const recorded = await recordCheckOut(context, {
          patronBarcode: patron,
          itemBarcode: check.barcode,
          specials: { nextLoan: nextLoanTerm, patron: patronTerm, all: allTerm },
        });
        loansRef.current = [...loansRef.current, recorded];
        setLoans(loansRef.current);
        setAlert(null);
        setNotice(recorded.due.notice);
        if (nextLoanTerm !== null) setNextLoanTerm(null);
        onRecorded();
      } catch (error) {
        setAlert(problemMessage(error));
      } finally {
        setRecording(false);
      }
    });
  };

  const complete = () => {
    if (patron !== null && loans.length > 0 && printOptions.printReceipts) {
      printReceipt(
        buildReceipt({
          libraryName: snapshot.libraryName,
          headerText: printOptions.headerText,
          branchName: snapshot.branch.name,
          timeZone: snapshot.branch.timeZone,
          printedAt: context.now(),
          patronBarcode: patron,
          loans: loans.map((l) => ({ itemBarcode: l.entry.itemBarcode, dueDate: l.due.dueDate })),
        }),
        printOptions.paper,
      );
    }
    setPatron(null);
    setPatronInput('');
    setItemInput('');
    setLoans([]);
    loansRef.current = [];
    setPatronTerm(null);
    setNextLoanTerm(null);
    setAlert(null);
    setNotice(null);
    setSpecialOpen(false);
    onPatronInProgress(false);
    queueMicrotask(() => patronField.current?.focus());
  };

  const applySpecialLoan = (scope: SpecialLoanScope, term: SpecialLoanTerm) => {
    if (scope === 'next') setNextLoanTerm(term);
    else setPatronTerm(term);
    setSpecialOpen(false);
    queueMicrotask(() => itemField.current?.focus());
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
      {alert && (
        <p className="alert" role="alert">
          {alert}
        </p>
      )}
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
            disabled={patron === null}
            value={itemInput}
            onChange={(event) => setItemInput(event.target.value)}
          />
        </form>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={complete} disabled={recording}>
          Complete
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
        <SpecialLoanForm
          today={today}
          onApply={applySpecialLoan}
          onCancel={() => setSpecialOpen(false)}
        />
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
          </tr>
        </thead>
        <tbody>
          {loans.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                {patron === null
                  ? 'Scan the patron’s library card to start.'
                  : 'Scan the first item.'}
              </td>
            </tr>
          ) : (
            loans.map(({ entry, due }) => (
              <tr key={entry.id}>
                <td>{entry.sequence}</td>
                <td>{entry.itemBarcode}</td>
                <td>{formatDueDate(due.dueDate)}</td>
                <td>{basisLabel(due.basis)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}

// The Renew screen: patron barcode, then item barcodes; each renewal appears with its new due date
// (the offline rules', from today) only once stored durably. Complete, Alt+C or the next patron's
// card finishes the patron and prints "Loans renewed" when Print Options say so. RenewSession holds
// the visit's logic; this component draws it.
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { soundScanMessage } from '../../browser/desk/scanMessages.ts';
import { COMPLETE_SHORTCUT, isCompleteShortcut } from '../../browser/desk/shortcuts.ts';
import { buildReceipt } from '../../browser/receipt/receipt.ts';
import { printReceipt } from '../../browser/receipt/printReceipt.ts';
import type { PrintOptions } from '../../browser/storage/localState.ts';
import type { DeskContext } from '../../browser/desk/deskSession.ts';
import { RenewSession, type CompletedRenewals } from '../../browser/renew/renewSession.ts';
import { ScanAlerts } from '../checkout/ScanAlerts.tsx';

/** The heading of the receipt Renew prints. */
export const RENEWAL_RECEIPT_HEADING = 'Loans renewed';

export function RenewScreen(props: {
  context: DeskContext;
  printOptions: PrintOptions;
  onRecorded: () => void;
  onPatronInProgress: (inProgress: boolean) => void;
}) {
  const { context, printOptions, onRecorded, onPatronInProgress } = props;
  const { snapshot } = context;
  const [session] = useState(() => new RenewSession(context, onRecorded));
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { patron, renewals, alert, history, notice } = state;
  const [patronInput, setPatronInput] = useState('');
  const [itemInput, setItemInput] = useState('');
  const patronField = useRef<HTMLInputElement>(null);
  const itemField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (alert) soundScanMessage(alert.tone);
  }, [alert]);

  // The patron field shows whose loans these are, also when the card came through the item field.
  const [shownPatron, setShownPatron] = useState(patron);
  if (patron !== shownPatron) {
    setShownPatron(patron);
    if (patron !== null) setPatronInput(patron);
  }

  const patronInProgress = patron !== null;
  useEffect(() => onPatronInProgress(patronInProgress), [onPatronInProgress, patronInProgress]);

  const printVisit = (visit: CompletedRenewals) => {
    if (visit.renewals.length === 0 || !printOptions.printRenewalReceipts) return;
    printReceipt(
      buildReceipt({
        libraryName: snapshot.libraryName,
        headerText: printOptions.headerText,
        branchName: snapshot.branch.name,
        timeZone: snapshot.branch.timeZone,
        printedAt: context.now(),
        patronBarcode: visit.patron,
        loans: visit.renewals.map((r) => ({
          itemBarcode: r.entry.itemBarcode,
          dueDate: r.due.dueDate,
        })),
        recordedOffline: true,
        heading: RENEWAL_RECEIPT_HEADING,
      }),
      printOptions.paper,
    );
  };

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
      if (finished !== null) printVisit(finished);
    });
  };

  const complete = async () => {
    const visit = await session.complete();
    if (visit !== null) printVisit(visit);
    setPatronInput('');
    setItemInput('');
    queueMicrotask(() => patronField.current?.focus());
  };

  const latestComplete = useRef(complete);
  useEffect(() => {
    latestComplete.current = complete;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCompleteShortcut(event) || event.repeat) return;
      event.preventDefault();
      void latestComplete.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section aria-labelledby="renew-heading">
      <h2 id="renew-heading">Renew</h2>
      <ScanAlerts alert={alert} history={history} />
      {notice && <p className="banner info">{notice}</p>}
      <div className="scan-form">
        <form onSubmit={submitPatron} className="field">
          <label htmlFor="renew-patron-barcode">Patron barcode</label>
          <input
            id="renew-patron-barcode"
            ref={patronField}
            autoComplete="off"
            autoFocus
            value={patronInput}
            readOnly={renewals.length > 0}
            onChange={(event) => setPatronInput(event.target.value)}
          />
        </form>
        <form onSubmit={submitItem} className="field">
          <label htmlFor="renew-item-barcode">Item barcode</label>
          <input
            id="renew-item-barcode"
            ref={itemField}
            autoComplete="off"
            disabled={patron === null}
            value={itemInput}
            onChange={(event) => setItemInput(event.target.value)}
          />
        </form>
      </div>
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
        {state.pendingScans > 0 && <span role="status">Recording…</span>}
      </div>
      <table>
        <caption>
          {patron === null ? 'No patron yet' : `Loans renewed for this patron (${renewals.length})`}
        </caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Item barcode</th>
            <th scope="col">Due date</th>
            <th scope="col">Record no.</th>
          </tr>
        </thead>
        <tbody>
          {renewals.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                {patron === null
                  ? 'Scan the patron’s library card to start.'
                  : 'Scan the first item to renew.'}
              </td>
            </tr>
          ) : (
            renewals.map(({ entry, due }, index) => (
              <tr key={entry.id}>
                <td>{index + 1}</td>
                <td>{entry.itemBarcode}</td>
                <td>{formatDay(due.dueDate)}</td>
                <td>{entry.sequence}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}

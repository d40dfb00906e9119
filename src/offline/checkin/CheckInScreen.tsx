// The offline Check In screen: each item scanned is recorded at once as a check-in and listed only
// once stored; "Returned on" backdates the scans that follow, for items found in the book drop.
// Complete (or Alt+C) prints "Items returned" when Print Options say so and clears the list. The
// work lives in CheckInSession; this component draws it.
import { useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { addDays } from '../../shared/calendar/dueDates.ts';
import { formatDay, formatTime } from '../../shared/calendar/formatDates.ts';
import { CheckInSession, type CheckInEntry } from '../../browser/checkin/checkInSession.ts';
import { MAX_RETURNED_ON_DAYS_BACK } from '../../browser/checkin/returnedOn.ts';
import { branchToday } from '../../browser/desk/deskSession.ts';
import { buildReturnReceipt } from '../../browser/receipt/receipt.ts';
import { printReceipt } from '../../browser/receipt/printReceipt.ts';
import { CompleteActions } from '../desk/CompleteActions.tsx';
import { RecordedTable } from '../desk/RecordedTable.tsx';
import { ScanAlerts } from '../desk/ScanAlerts.tsx';
import type { DeskScreenProps } from '../desk/deskScreenProps.ts';
import { useCompleteShortcut } from '../desk/useCompleteShortcut.ts';

export function CheckInScreen(props: DeskScreenProps) {
  const { context, printOptions, onRecorded } = props;
  const { snapshot } = context;
  const session = props.keep('check-in', () => new CheckInSession(context, onRecorded));
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { returns, returnedOn, returnedOnProblem, alert, history } = state;
  const [itemInput, setItemInput] = useState('');
  const itemField = useRef<HTMLInputElement>(null);

  const today = branchToday(context);
  const backdated = returnedOn !== '' && returnedOn !== today && returnedOnProblem === null;

  const submitItem = (event: FormEvent) => {
    event.preventDefault();
    const raw = itemInput;
    setItemInput('');
    void session.scanItem(raw);
  };

  const complete = async () => {
    const completed = await session.complete();
    if (completed.length > 0 && printOptions.printCheckInReceipts) {
      printReceipt(
        buildReturnReceipt({
          libraryName: snapshot.libraryName,
          headerText: printOptions.headerText,
          branchName: snapshot.branch.name,
          timeZone: snapshot.branch.timeZone,
          printedAt: context.now(),
          returns: completed,
        }),
        printOptions.paper,
      );
    }
    setItemInput('');
    queueMicrotask(() => itemField.current?.focus());
  };
  useCompleteShortcut(complete);

  const returnedCell = (entry: CheckInEntry) =>
    entry.returnedOn === undefined
      ? `Today, ${formatTime(entry.occurredAt + entry.clockOffsetMs, snapshot.branch.timeZone)}`
      : `${formatDay(entry.returnedOn)} (Returned on)`;

  return (
    <section aria-labelledby="checkin-heading">
      <h2 id="checkin-heading">Check In</h2>
      <p className="banner info">
        Keep the returned items aside until the transactions are sent: the report after sending says
        which go to the hold shelf and which to send in transit.
      </p>
      {backdated && (
        <p className="banner" role="status">
          Returned on {formatDay(returnedOn)}: every item scanned now is recorded as returned that
          day. Clear “Returned on” for items returned today.
        </p>
      )}
      <ScanAlerts alert={alert} history={history} />
      <div className="scan-form">
        <form onSubmit={submitItem} className="field">
          <label htmlFor="checkin-item-barcode">Item barcode</label>
          <input
            id="checkin-item-barcode"
            ref={itemField}
            autoComplete="off"
            value={itemInput}
            onChange={(event) => setItemInput(event.target.value)}
          />
        </form>
        <div className="field">
          <label htmlFor="returned-on">Returned on</label>
          <input
            id="returned-on"
            type="date"
            min={addDays(today, -MAX_RETURNED_ON_DAYS_BACK)}
            max={today}
            value={returnedOn}
            aria-invalid={returnedOnProblem !== null}
            aria-describedby="returned-on-hint"
            onChange={(event) => session.setReturnedOn(event.target.value)}
          />
        </div>
      </div>
      <p id="returned-on-hint" className={returnedOnProblem === null ? 'notice' : 'alert'}>
        {returnedOnProblem ??
          'Leave “Returned on” empty for items returned today; set it for items found in the book drop.'}
      </p>
      <CompleteActions onComplete={() => void complete()} recording={state.pendingScans > 0} />
      <RecordedTable
        caption={`Items returned (${returns.length})`}
        columns={['Returned']}
        rows={returns.map((entry) => ({ entry, cells: [returnedCell(entry)] }))}
        empty="Scan the first returned item."
      />
    </section>
  );
}

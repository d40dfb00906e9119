// The offline In-House Use screen: items used in the library and left on tables or trolleys are
// scanned with how many times each was used, and each count is recorded at once and listed only
// once stored. The work lives in InHouseUseSession; this component draws it.
import { useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { formatTime } from '../../shared/calendar/formatDates.ts';
import { MAX_IN_HOUSE_USES_PER_TRANSACTION } from '../../shared/offline/transaction.ts';
import { InHouseUseSession } from '../../browser/inHouseUse/inHouseUseSession.ts';
import { RecordedTable } from '../desk/RecordedTable.tsx';
import { ScanAlerts } from '../desk/ScanAlerts.tsx';
import type { DeskScreenProps } from '../desk/deskScreenProps.ts';

const DEFAULT_COUNT = '1';

export function InHouseUseScreen(props: DeskScreenProps) {
  const { context, onRecorded } = props;
  const session = props.keep('in-house-use', () => new InHouseUseSession(context, onRecorded));
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { uses, alert, history } = state;
  const [itemInput, setItemInput] = useState('');
  const [countInput, setCountInput] = useState(DEFAULT_COUNT);
  const itemField = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Enter in Count with no item yet: on to the item, rather than a refusal for an empty barcode.
    if (itemInput.trim() === '') {
      itemField.current?.focus();
      return;
    }
    const raw = itemInput;
    setItemInput('');
    itemField.current?.focus();
    void session.scanItem(raw, countInput).then((stored) => {
      // Back to one use, so a count meant for one item is not repeated on the next by mistake.
      if (stored) setCountInput(DEFAULT_COUNT);
    });
  };

  const clear = async () => {
    await session.clear();
    queueMicrotask(() => itemField.current?.focus());
  };

  return (
    <section aria-labelledby="in-house-use-heading">
      <h2 id="in-house-use-heading">In-House Use</h2>
      <p className="notice">
        Scan items used in the library and left on tables or trolleys. Set Count first when one scan
        stands for several uses; it goes back to 1 after each item.
      </p>
      <ScanAlerts alert={alert} history={history} />
      <form onSubmit={submit} className="scan-form">
        <div className="field">
          <label htmlFor="in-house-item-barcode">Item barcode</label>
          <input
            id="in-house-item-barcode"
            ref={itemField}
            autoComplete="off"
            value={itemInput}
            onChange={(event) => setItemInput(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="in-house-count">Count</label>
          <input
            id="in-house-count"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_IN_HOUSE_USES_PER_TRANSACTION}
            step={1}
            value={countInput}
            onChange={(event) => setCountInput(event.target.value)}
          />
        </div>
        <button type="submit" className="primary">
          Record
        </button>
      </form>
      <div className="actions">
        <button type="button" onClick={() => void clear()} disabled={uses.length === 0}>
          Clear list
        </button>
        {state.pendingScans > 0 && <span role="status">Recording…</span>}
      </div>
      <RecordedTable
        caption={`In-house uses recorded (${uses.length})`}
        columns={['Uses', 'Time']}
        rows={uses.map((entry) => ({
          entry,
          cells: [
            entry.count,
            formatTime(entry.occurredAt + entry.clockOffsetMs, context.snapshot.branch.timeZone),
          ],
        }))}
        empty="Scan the first item used in the library."
      />
    </section>
  );
}

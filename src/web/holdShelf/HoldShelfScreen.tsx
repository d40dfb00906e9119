// Hold shelf: this branch's items waiting for their patrons, and the expired holds to take off the
// shelf. Scanning an item into "Item barcode" clears it: the item then fills the next hold (the
// hold shelf again, or in transit) or goes home, with the banner and the slip Check In gives.
import { useRef } from 'react';
import type { HoldShelfEntry, HoldShelfList } from '../../shared/api/holds.ts';
import { formatDate, formatDay } from '../../shared/calendar/formatDates.ts';
import { patronShortName } from '../../shared/holds/patronShortName.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { CaptionedTable } from '../components/CaptionedTable.tsx';
import { BarcodeForm, type BarcodeFormHandle } from '../components/BarcodeForm.tsx';
import { ItemLink, PatronLink } from '../components/LoanTable.tsx';
import { ScanAlerts } from '../components/ScanAlerts.tsx';
import { printRoutingSlip } from '../lib/printRoutingSlip.ts';
import { routingBanner } from '../lib/routingMessages.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useScanAlerts } from '../lib/useScanAlerts.ts';
import { useScanQueue } from '../lib/useScanQueue.ts';
import { CheckInTabs } from './CheckInTabs.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { NotFoundScreen } from '../screens/NotFoundScreen.tsx';

let nextKey = 0;
const newKey = () => `hold-shelf-${(nextKey += 1)}`;

export function HoldShelfScreen() {
  const session = useSession();
  if (!may(session, 'holdShelf.read')) return <NotFoundScreen />;
  return <HoldShelf canClear={may(session, 'holdShelf.clear')} libraryName={session.libraryName} />;
}

function HoldShelf({ canClear, libraryName }: { canClear: boolean; libraryName: string }) {
  const [shelf, replace] = useLoad(() => api.getHoldShelf());
  const alerts = useScanAlerts();
  const itemField = useRef<BarcodeFormHandle>(null);

  const queue = useScanQueue<string>(
    async (barcode) => {
      try {
        const result = await api.clearFromShelf({ itemBarcode: barcode });
        const title = result.expiredHold.title.title;
        const banner = routingBanner(result.routing, title);
        alerts.add({
          id: newKey(),
          ...(banner ?? {
            tone: 'notice',
            text: `Cleared from the hold shelf: put ${title} (${barcode}) back on the shelves.`,
          }),
        });
        void printRoutingSlip(libraryName, result.routing);
        // The list as the server now has it: the item may be back on this shelf for the next hold.
        void api.getHoldShelf().then(replace, (error: unknown) =>
          alerts.add({
            id: newKey(),
            tone: 'notice',
            text: `Cleared, but the list could not be read again: ${describeError(error)}`,
          }),
        );
      } catch (error) {
        alerts.add({
          id: newKey(),
          tone: 'refusal',
          text: `Item ${barcode} was not cleared from the shelf: ${describeError(error)}`,
        });
      }
    },
    (error) => alerts.add({ id: newKey(), tone: 'refusal', text: describeError(error) }),
  );

  return (
    <main className="screen" aria-labelledby="hold-shelf-title">
      <CheckInTabs />
      <h1 id="hold-shelf-title">Hold shelf</h1>
      <p className="muted">
        {shelf.status === 'loaded'
          ? `Holds waiting at ${shelf.data.branch.name}.`
          : 'Holds waiting at this branch.'}
      </p>
      {canClear ? (
        <>
          <div className="scan-row">
            <BarcodeForm
              ref={itemField}
              label="Item barcode"
              submitLabel="Clear from shelf"
              hint="Scan an expired hold's item to take it off the shelf."
              autoFocus
              onScan={(barcode) => queue.enqueue(barcode)}
            />
            <p className="scan-row__status" aria-live="polite">
              {queue.pending > 0 ? 'Clearing…' : ''}
            </p>
          </div>
          <ScanAlerts
            messages={alerts.alerts}
            onDismiss={() => {
              alerts.clear();
              itemField.current?.focus();
            }}
          />
        </>
      ) : null}
      {shelf.status === 'loading' ? <p className="muted">Loading the hold shelf…</p> : null}
      {shelf.status === 'failed' ? <LoadError>{describeError(shelf.error)}</LoadError> : null}
      {shelf.status === 'loaded' ? <ShelfLists shelf={shelf.data} /> : null}
    </main>
  );
}

function ShelfLists({ shelf }: { shelf: HoldShelfList }) {
  const waiting = shelf.entries.filter((entry) => !entry.expired);
  const expired = shelf.entries.filter((entry) => entry.expired);
  const timeZone = shelf.branch.timeZone;
  return (
    <>
      <ShelfTable
        caption="Waiting on the shelf"
        entries={waiting}
        timeZone={timeZone}
        empty="No items wait on this branch's hold shelf."
      />
      <ShelfTable
        caption="Expired holds"
        entries={expired}
        timeZone={timeZone}
        empty="No expired holds to clear today."
      />
    </>
  );
}

function ShelfTable({
  caption,
  entries,
  timeZone,
  empty,
}: {
  caption: string;
  entries: readonly HoldShelfEntry[];
  timeZone: string;
  empty: string;
}) {
  return (
    <CaptionedTable
      caption={caption}
      columns={['Patron', 'Title', 'Item barcode', 'Since', 'Expires']}
      isEmpty={entries.length === 0}
      empty={empty}
      heading="h2"
    >
      {entries.map((entry) => (
        <tr key={entry.hold.id}>
          <td>
            <PatronLink barcode={entry.hold.patron.barcode}>
              {patronShortName(entry.hold.patron.name)}
            </PatronLink>
          </td>
          <td>
            <ItemLink barcode={entry.item.barcode}>{entry.item.title}</ItemLink>
          </td>
          <td className="barcode">{entry.item.barcode}</td>
          <td>{formatDate(entry.since, timeZone)}</td>
          <td>{formatDay(entry.expiresOn)}</td>
        </tr>
      ))}
    </CaptionedTable>
  );
}

// Check In: scan each returned item. Every check-in adds a row at the top with who had it, whether
// it came back late and where it goes next; an item for the hold shelf or for another branch gets
// a banner (the hold shelf its own chime) and its slip. Focus stays in "Item barcode" for the next.
import { useRef, useState } from 'react';
import type { CheckInResult } from '../../shared/api/circulation.ts';
import { ApiRequestError, api, describeError } from '../api/client.ts';
import { BarcodeForm, type BarcodeFormHandle } from '../components/BarcodeForm.tsx';
import { CheckInTabs } from '../holdShelf/CheckInTabs.tsx';
import { ItemLink, PatronLink } from '../components/LoanTable.tsx';
import { ScanAlerts } from '../components/ScanAlerts.tsx';
import { formatDate } from '../../shared/calendar/formatDates.ts';
import { useScanAlerts } from '../lib/useScanAlerts.ts';
import { useScanQueue } from '../lib/useScanQueue.ts';
import { printRoutingSlip } from '../lib/printRoutingSlip.ts';
import { receivedText, routingBanner, routingMark } from '../lib/routingMessages.ts';
import { useLoanTimeZone } from '../session/branches.ts';
import { useSession } from '../session/SessionContext.tsx';
import { itemRefusal } from './checkOutMessages.ts';

type Row =
  | { key: string; state: 'pending'; itemBarcode: string }
  | { key: string; state: 'returned'; result: CheckInResult };

let nextKey = 0;
const newKey = () => `check-in-${(nextKey += 1)}`;

export function CheckInScreen() {
  const timeZoneOf = useLoanTimeZone();
  const session = useSession();
  const [rows, setRows] = useState<Row[]>([]);
  const alerts = useScanAlerts();
  const itemField = useRef<BarcodeFormHandle>(null);

  const queue = useScanQueue<{ barcode: string; rowKey: string }>(
    async ({ barcode, rowKey }) => {
      try {
        const result = await api.checkIn({ itemBarcode: barcode });
        setRows((current) =>
          current.map((row) =>
            row.key === rowKey ? { key: rowKey, state: 'returned', result } : row,
          ),
        );
        const banner = routingBanner(result.routing, result.item.title);
        if (banner !== null) {
          alerts.add({ id: newKey(), ...banner });
          void printRoutingSlip(session.libraryName, result.routing);
        }
      } catch (error) {
        setRows((current) => current.filter((row) => row.key !== rowKey));
        alerts.add({
          id: newKey(),
          // Not on loan: the item simply goes back on the shelf, nothing went wrong.
          tone: notOnLoan(error) ? 'notice' : 'refusal',
          text: itemRefusal('checked in', barcode, error),
        });
      }
    },
    (error) => alerts.add({ id: newKey(), tone: 'refusal', text: describeError(error) }),
  );

  return (
    <main className="screen screen--checkin" aria-labelledby="checkin-title">
      <CheckInTabs />
      <h1 id="checkin-title">Check In</h1>
      <div className="scan-row">
        <BarcodeForm
          ref={itemField}
          label="Item barcode"
          submitLabel="Check in"
          autoFocus
          onScan={(barcode) => {
            const rowKey = newKey();
            setRows((current) => [
              { key: rowKey, state: 'pending', itemBarcode: barcode },
              ...current,
            ]);
            queue.enqueue({ barcode, rowKey });
          }}
        />
        <p className="scan-row__status" aria-live="polite">
          {queue.pending > 0
            ? `Working on ${queue.pending} ${queue.pending === 1 ? 'scan' : 'scans'}…`
            : ''}
        </p>
      </div>

      <ScanAlerts
        messages={alerts.alerts}
        onDismiss={() => {
          alerts.clear();
          itemField.current?.focus();
        }}
      />

      <table className="loan-table loan-table--now">
        <caption>Checked in now</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Item barcode</th>
            <th scope="col">Patron</th>
            <th scope="col">Was due</th>
            <th scope="col">Goes to</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                Scan each returned item into "Item barcode".
              </td>
            </tr>
          ) : null}
          {rows.map((row) =>
            row.state === 'pending' ? (
              <tr key={row.key} aria-busy="true">
                <td className="muted">Checking in…</td>
                <td className="barcode">{row.itemBarcode}</td>
                <td />
                <td />
                <td />
              </tr>
            ) : (
              <tr key={row.key} data-routing={row.result.routing.kind}>
                <td>
                  <ItemLink barcode={row.result.item.barcode}>{row.result.item.title}</ItemLink>
                </td>
                <td className="barcode">{row.result.item.barcode}</td>
                {row.result.loan === null ? (
                  <>
                    <td className="muted">
                      {row.result.received ? receivedText(row.result.receivedFrom) : 'Not on loan'}
                    </td>
                    <td />
                  </>
                ) : (
                  <>
                    <td>
                      <PatronLink barcode={row.result.loan.patron.barcode}>
                        {row.result.loan.patron.name}
                      </PatronLink>
                    </td>
                    <td>
                      {formatDate(row.result.loan.dueAt, timeZoneOf(row.result.loan))}
                      {row.result.overdue ? (
                        <span className="flag flag--overdue">Overdue</span>
                      ) : null}
                    </td>
                  </>
                )}
                <td>
                  <RoutingCell result={row.result} />
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </main>
  );
}

/** Where the item goes, marked on its row; a received item that was also on loan says so here. */
function RoutingCell({ result }: { result: CheckInResult }) {
  const mark = routingMark(result.routing);
  const received =
    result.received && result.loan !== null ? receivedText(result.receivedFrom) : null;
  return (
    <>
      {received !== null ? <span className="muted">{received}. </span> : null}
      {mark !== null ? (
        <span className={`flag flag--${result.routing.kind === 'holdShelf' ? 'hold' : 'transit'}`}>
          {mark}
        </span>
      ) : (
        <span className="muted">Shelves</span>
      )}
    </>
  );
}

const notOnLoan = (error: unknown) =>
  error instanceof ApiRequestError && error.code === 'ITEM_NOT_ON_LOAN';

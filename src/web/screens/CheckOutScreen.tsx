// Check Out: scan the patron's card, then each item. Scans are queued and handled in order, so a
// fast scanner never loses or doubles one; focus stays in the field the next scan belongs in.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Loan, PatronDetail } from '../../shared/api/circulation.ts';
import { ApiRequestError, api, describeError } from '../api/client.ts';
import { Alerts, type AlertMessage } from '../components/Alerts.tsx';
import { BarcodeForm, type BarcodeFormHandle } from '../components/BarcodeForm.tsx';
import { ItemLink, LoanTable } from '../components/LoanTable.tsx';
import { LoansShown } from '../components/LoansShown.tsx';
import { PatronSummary } from '../components/PatronSummary.tsx';
import { formatDate } from '../../shared/calendar/formatDates.ts';
import { useScanQueue } from '../lib/useScanQueue.ts';
import { useLoanTimeZone } from '../session/branches.ts';
import { may } from '../session/may.ts';
import { useBranchTimeZone, useSession } from '../session/SessionContext.tsx';
import { itemRefusal, patronRefusal } from './checkOutMessages.ts';

type Scan =
  | { kind: 'patron'; barcode: string }
  | { kind: 'item'; barcode: string; override: boolean; rowKey: string }
  | { kind: 'complete' };

/** A row in "Checked out now": waiting for the server, or lent. */
type Row =
  | { key: string; state: 'pending'; itemBarcode: string }
  | { key: string; state: 'lent'; loan: Loan; replacedLoan: Loan | null };

let nextKey = 0;
const newKey = () => `scan-${(nextKey += 1)}`;

export function CheckOutScreen() {
  const session = useSession();
  const timeZone = useBranchTimeZone();
  const timeZoneOf = useLoanTimeZone();
  const canOverride = may(session, 'loan.override');

  const [patron, setPatron] = useState<PatronDetail | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [alerts, setAlerts] = useState<AlertMessage[]>([]);
  const patronField = useRef<BarcodeFormHandle>(null);
  const itemField = useRef<BarcodeFormHandle>(null);
  // The patron items are lent to. Read by the queue when it reaches a scan, so an item scanned
  // right after a new card goes to that new patron, exactly as scanned.
  const patronBarcode = useRef<string | null>(null);
  const [focusItem, setFocusItem] = useState(0);

  const addAlert = (alert: AlertMessage) => setAlerts((current) => [alert, ...current]);

  async function handleScan(scan: Scan): Promise<void> {
    if (scan.kind === 'complete') {
      patronBarcode.current = null;
      setPatron(null);
      setRows([]);
      setAlerts([]);
      patronField.current?.focus();
      return;
    }
    if (scan.kind === 'patron') {
      try {
        const detail = await api.getPatron(scan.barcode);
        patronBarcode.current = detail.patron.barcode;
        setPatron(detail);
        setRows([]);
        setAlerts([]);
        setFocusItem((n) => n + 1);
      } catch (error) {
        patronBarcode.current = null;
        setPatron(null);
        setRows([]);
        setAlerts([{ id: newKey(), text: patronRefusal(scan.barcode, error) }]);
        patronField.current?.restore(scan.barcode);
        patronField.current?.focus();
      }
      return;
    }
    const forPatron = patronBarcode.current;
    if (forPatron === null) {
      setRows((current) => current.filter((row) => row.key !== scan.rowKey));
      addAlert({
        id: newKey(),
        text: `Item ${scan.barcode} was not checked out: scan the patron's card first.`,
      });
      return;
    }
    try {
      const result = await api.checkOut({
        patronBarcode: forPatron,
        itemBarcode: scan.barcode,
        override: scan.override || undefined,
      });
      setRows((current) =>
        current.map((row) =>
          row.key === scan.rowKey
            ? { key: row.key, state: 'lent', loan: result.loan, replacedLoan: result.replacedLoan }
            : row,
        ),
      );
    } catch (error) {
      setRows((current) => current.filter((row) => row.key !== scan.rowKey));
      const offerOverride =
        canOverride && error instanceof ApiRequestError && error.code === 'ITEM_ON_LOAN';
      const alertId = newKey();
      addAlert({
        id: alertId,
        text: itemRefusal('checked out', scan.barcode, error),
        action: offerOverride
          ? {
              label: 'Check in and lend',
              onClick: () => {
                setAlerts((current) => current.filter((a) => a.id !== alertId));
                enqueueItem(scan.barcode, true);
                itemField.current?.focus();
              },
            }
          : undefined,
      });
    }
  }

  const queue = useScanQueue<Scan>(handleScan, (error) =>
    addAlert({ id: newKey(), text: describeError(error) }),
  );

  function enqueueItem(barcode: string, override: boolean) {
    const rowKey = newKey();
    setRows((current) => [...current, { key: rowKey, state: 'pending', itemBarcode: barcode }]);
    queue.enqueue({ kind: 'item', barcode, override, rowKey });
  }

  // Move to the item field once a patron is shown; the effect runs after the field exists.
  useEffect(() => {
    if (focusItem > 0) itemField.current?.focus();
  }, [focusItem]);

  const earlierLoans = useMemo(() => {
    const lentNow = new Set(rows.flatMap((row) => (row.state === 'lent' ? [row.loan.id] : [])));
    return (patron?.loans ?? []).filter((loan) => !lentNow.has(loan.id));
  }, [patron, rows]);

  return (
    <main className="screen screen--checkout" aria-labelledby="checkout-title">
      <h1 id="checkout-title">Check Out</h1>
      <div className="scan-row">
        <BarcodeForm
          ref={patronField}
          label="Patron barcode"
          submitLabel="Find patron"
          autoFocus
          onScan={(barcode) => queue.enqueue({ kind: 'patron', barcode })}
        />
        {patron ? (
          <BarcodeForm
            ref={itemField}
            label="Item barcode"
            submitLabel="Check out"
            onScan={(barcode) => enqueueItem(barcode, false)}
          />
        ) : null}
        <p className="scan-row__status" aria-live="polite">
          {queue.pending > 0
            ? `Working on ${queue.pending} ${queue.pending === 1 ? 'scan' : 'scans'}…`
            : ''}
        </p>
      </div>

      <Alerts messages={alerts} onDismiss={() => setAlerts([])} />

      {patron ? (
        <>
          <PatronSummary patron={patron.patron} loanCount={patron.loanCount + lentCount(rows)} />
          <CheckedOutNow rows={rows} timeZone={timeZone} />
          <LoanTable
            caption="Other current loans"
            loans={earlierLoans}
            timeZoneOf={timeZoneOf}
            empty="No other items out."
          />
          {/* The look-up carries the first loans only; the patron's page pages through the rest. */}
          <LoansShown shown={earlierLoans.length} total={patron.loanCount}>
            <Link href={`/patrons/${encodeURIComponent(patron.patron.barcode)}`}>
              See all current loans
            </Link>
          </LoansShown>
          <div className="actions">
            <button
              type="button"
              className="button--primary"
              onClick={() => queue.enqueue({ kind: 'complete' })}
            >
              Complete
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Scan or type the patron's card to start.</p>
      )}
    </main>
  );
}

function lentCount(rows: readonly Row[]): number {
  return rows.filter((row) => row.state === 'lent').length;
}

function CheckedOutNow({ rows, timeZone }: { rows: readonly Row[]; timeZone: string }) {
  return (
    <table className="loan-table loan-table--now">
      <caption>Checked out now</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Item barcode</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              Scan each item into "Item barcode".
            </td>
          </tr>
        ) : null}
        {rows.map((row) =>
          row.state === 'pending' ? (
            <tr key={row.key} aria-busy="true">
              <td className="muted">Checking out…</td>
              <td className="barcode">{row.itemBarcode}</td>
              <td />
            </tr>
          ) : (
            <tr key={row.key}>
              <td>
                <ItemLink barcode={row.loan.item.barcode}>{row.loan.item.title}</ItemLink>
                {row.replacedLoan ? (
                  <span className="flag">Checked in from {row.replacedLoan.patron.name} first</span>
                ) : null}
              </td>
              <td className="barcode">{row.loan.item.barcode}</td>
              <td>{formatDate(row.loan.dueAt, timeZone)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

// Check Out: scan the patron's card, then each item. Scans are queued and handled in order, so a
// fast scanner never loses or doubles one; focus stays in the field the next scan belongs in.
// The next patron's card scanned into "Item barcode" completes this patron and starts that one.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Loan, PatronDetail } from '../../shared/api/circulation.ts';
import { ApiRequestError, api, describeError } from '../api/client.ts';
import { BarcodeForm, type BarcodeFormHandle } from '../components/BarcodeForm.tsx';
import { ItemLink, LoanTable } from '../components/LoanTable.tsx';
import { LoansShown } from '../components/LoansShown.tsx';
import { PatronSummary } from '../components/PatronSummary.tsx';
import { ScanAlerts } from '../components/ScanAlerts.tsx';
import { CompleteButton, useCompleteShortcut } from '../components/CompleteButton.tsx';
import { formatDate } from '../../shared/calendar/formatDates.ts';
import { useScanAlerts } from '../lib/useScanAlerts.ts';
import {
  checkOutInProgress,
  forgetCheckOutInProgress,
  keepCheckOutInProgress,
  type CheckOutInProgress,
} from '../lib/checkOutInProgress.ts';
import { printOnComplete } from '../lib/printOnComplete.ts';
import { LendPastHoldForm } from '../holds/LendPastHoldForm.tsx';
import { CardStopActions } from '../patrons/CardStopActions.tsx';
import { RenewAllControls, renewCell } from '../renewals/RenewButtons.tsx';
import { useRenewals } from '../renewals/useRenewals.ts';
import { useScanQueue } from '../lib/useScanQueue.ts';
import { useLoanTimeZone } from '../session/branches.ts';
import { may } from '../session/may.ts';
import { useBranchTimeZone, useSession } from '../session/SessionContext.tsx';
import {
  isAlreadyOnThisCard,
  cardStop,
  isPatronCardScannedAsItem,
  itemRefusal,
  needsALook,
  patronRefusal,
} from './checkOutMessages.ts';

type Scan =
  | { kind: 'patron'; barcode: string }
  | { kind: 'item'; barcode: string; asked: ItemAsked; rowKey: string }
  | { kind: 'complete' }
  /** Back on Check Out in this tab: the patron and the loans lent before leaving it. */
  | { kind: 'restore'; inProgress: CheckOutInProgress };

/**
 * What staff asked for beyond lending: check in from another card first, lend a damaged item, or
 * (a supervisor) lend an item that waits for another patron's hold, saying why.
 */
interface ItemAsked {
  override?: true;
  confirmDamaged?: true;
  overrideHold?: { reason: string };
}

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
  const canRegister = may(session, 'patron.register');
  const [, navigate] = useLocation();

  const [patron, setPatron] = useState<PatronDetail | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const alerts = useScanAlerts();
  const patronField = useRef<BarcodeFormHandle>(null);
  const itemField = useRef<BarcodeFormHandle>(null);
  // The patron items are lent to. Read by the queue when it reaches a scan, so an item scanned
  // right after a new card goes to that new patron, exactly as scanned.
  const patronBarcode = useRef<string | null>(null);
  const [focusItem, setFocusItem] = useState(0);
  const renewals = useRenewals({
    patronBarcode: patron?.patron.barcode ?? '',
    alerts,
    onSettled: () => focusScanField(),
  });
  // This patron's loans for the receipt, kept beside the rows: the queue may reach Complete before
  // the screen has re-rendered with the last loan.
  const lentForReceipt = useRef<Loan[]>([]);
  // A supervisor's "Lend anyway (once)" for the card shown: sent with each item of this visit only.
  const lendingAnyway = useRef<{ patronBarcode: string; reason: string } | null>(null);
  const [lendingAnywayReason, setLendingAnywayReason] = useState<string | null>(null);
  // A supervisor's "Lend anyway" past another patron's hold: the item refused, for this patron.
  const [pastHold, setPastHold] = useState<{
    patronBarcode: string;
    itemBarcode: string;
    asked: ItemAsked;
  } | null>(null);

  function stopLendingAnyway() {
    lendingAnyway.current = null;
    setLendingAnywayReason(null);
  }

  async function handleScan(scan: Scan): Promise<void> {
    if (scan.kind === 'complete') {
      printReceiptOfThisPatron();
      stopLendingAnyway();
      patronBarcode.current = null;
      setPatron(null);
      setRows([]);
      alerts.clear();
      patronField.current?.focus();
      return;
    }
    if (scan.kind === 'patron') {
      await showPatron(scan.barcode);
      return;
    }
    if (scan.kind === 'restore') {
      await showPatron(scan.inProgress.patronBarcode);
      if (patronBarcode.current !== scan.inProgress.patronBarcode) return;
      const lent = scan.inProgress.lent;
      lentForReceipt.current = lent.map((row) => row.loan);
      setRows((current) => [
        ...lent.map((row): Row => ({ key: newKey(), state: 'lent', ...row })),
        ...current,
      ]);
      return;
    }
    const forPatron = patronBarcode.current;
    if (forPatron === null) {
      setRows((current) => current.filter((row) => row.key !== scan.rowKey));
      alerts.add({
        id: newKey(),
        tone: 'refusal',
        text: `Item ${scan.barcode} was not checked out: scan the patron's card first.`,
      });
      return;
    }
    try {
      const pastCard = lendingAnyway.current;
      const result = await api.checkOut({
        patronBarcode: forPatron,
        itemBarcode: scan.barcode,
        ...scan.asked,
        ...(pastCard?.patronBarcode === forPatron
          ? { lendPastCard: { reason: pastCard.reason } }
          : {}),
      });
      lentForReceipt.current = [...lentForReceipt.current, result.loan];
      setRows((current) =>
        current.map((row) =>
          row.key === scan.rowKey
            ? { key: row.key, state: 'lent', loan: result.loan, replacedLoan: result.replacedLoan }
            : row,
        ),
      );
    } catch (error) {
      setRows((current) => current.filter((row) => row.key !== scan.rowKey));
      if (isPatronCardScannedAsItem(error)) {
        // The next patron's card: this patron is done, as if Complete had been pressed.
        printReceiptOfThisPatron();
        await showPatron(scan.barcode);
        return;
      }
      const offerOverride =
        canOverride && error instanceof ApiRequestError && error.code === 'ITEM_ON_LOAN';
      const offerPastHold =
        canOverride &&
        error instanceof ApiRequestError &&
        error.code === 'ITEM_ON_HOLD_FOR_ANOTHER' &&
        scan.asked.overrideHold === undefined;
      const damaged = needsALook(error);
      const alertId = newKey();
      const askAgain = (label: string, asked: ItemAsked) => ({
        label,
        onClick: () => {
          alerts.remove(alertId);
          enqueueItem(scan.barcode, { ...scan.asked, ...asked });
          itemField.current?.focus();
        },
      });
      alerts.add({
        id: alertId,
        // Already on this card, or damaged: nothing is refused for good, but staff should look.
        tone: isAlreadyOnThisCard(error, forPatron) || damaged ? 'warning' : 'refusal',
        text: itemRefusal('checked out', scan.barcode, error),
        action: damaged
          ? askAgain('Lend anyway', { confirmDamaged: true })
          : offerOverride
            ? askAgain('Check in and lend', { override: true })
            : offerPastHold
              ? {
                  label: 'Lend anyway',
                  onClick: () => {
                    alerts.remove(alertId);
                    setPastHold({
                      patronBarcode: forPatron,
                      itemBarcode: scan.barcode,
                      asked: scan.asked,
                    });
                  },
                }
              : undefined,
      });
    }
  }

  /** Looks the card up and starts that patron's visit; a refusal keeps the card to correct. */
  /** Complete, or the next patron's card: the receipt of this patron's loans, as Print Options say. */
  function printReceiptOfThisPatron(): void {
    if (patronBarcode.current !== null) {
      void printOnComplete({
        session,
        patronBarcode: patronBarcode.current,
        loans: lentForReceipt.current,
      });
    }
    lentForReceipt.current = [];
  }

  async function showPatron(barcode: string): Promise<void> {
    stopLendingAnyway();
    try {
      const detail = await api.getPatron(barcode);
      patronBarcode.current = detail.patron.barcode;
      lentForReceipt.current = [];
      setPatron(detail);
      // Rows still pending are items scanned after this card: they are this patron's.
      setRows((current) => current.filter((row) => row.state === 'pending'));
      alerts.clear();
      const stop = cardStop(detail.patron);
      if (stop !== null) {
        // The card stops here: said once, in the alert region, and the next scan is a card. No
        // patron to lend to, so an item scanned now asks for a card, and focus goes to the card.
        patronBarcode.current = null;
        alerts.add({ id: newKey(), tone: 'refusal', text: stop });
        patronField.current?.focus();
        return;
      }
      setFocusItem((n) => n + 1);
    } catch (error) {
      patronBarcode.current = null;
      setPatron(null);
      setRows([]);
      alerts.clear();
      const unknownCard = error instanceof ApiRequestError && error.code === 'PATRON_NOT_FOUND';
      alerts.add({
        id: newKey(),
        tone: 'refusal',
        text: patronRefusal(barcode, error),
        // A new card: register the patron with it, then come back here to lend.
        action:
          unknownCard && canRegister
            ? {
                label: 'Register patron',
                onClick: () =>
                  navigate(`/patrons/new?${new URLSearchParams({ barcode, from: 'checkout' })}`),
              }
            : undefined,
      });
      patronField.current?.restore(barcode);
      patronField.current?.focus();
    }
  }

  const queue = useScanQueue<Scan>(handleScan, (error) =>
    alerts.add({ id: newKey(), tone: 'refusal', text: describeError(error) }),
  );

  const complete = () => queue.enqueue({ kind: 'complete' });

  // Coming back to Check Out (Back from the patron's page) picks up where this tab left off.
  const [restored] = useState(checkOutInProgress);
  // Once, on arrival: the queue keeps it in order with any scan that follows.
  const restoreAsked = useRef(false);
  useEffect(() => {
    if (restored === null || restoreAsked.current) return;
    restoreAsked.current = true;
    queue.enqueue({ kind: 'restore', inProgress: restored });
  }, [queue, restored]);
  // Kept while a patron is shown; Complete, a refused or stopped card clear it.
  useEffect(() => {
    const barcode = patronBarcode.current;
    if (patron === null || barcode === null) {
      if (!queue.pending) forgetCheckOutInProgress();
      return;
    }
    keepCheckOutInProgress({
      patronBarcode: barcode,
      lent: rows.flatMap((row) =>
        row.state === 'lent' ? [{ loan: row.loan, replacedLoan: row.replacedLoan }] : [],
      ),
    });
  }, [patron, rows, queue.pending]);
  useCompleteShortcut(patron !== null, complete);

  /** Where the next scan goes: the item field while a patron is shown, else the patron field. */
  const focusScanField = () =>
    (patronBarcode.current === null ? patronField : itemField).current?.focus();

  function enqueueItem(barcode: string, asked: ItemAsked) {
    const rowKey = newKey();
    setRows((current) => [...current, { key: rowKey, state: 'pending', itemBarcode: barcode }]);
    queue.enqueue({ kind: 'item', barcode, asked, rowKey });
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
            disabled={cardStop(patron.patron) !== null && lendingAnywayReason === null}
            onScan={(barcode) => enqueueItem(barcode, {})}
          />
        ) : null}
        {/* Beside the fields, so however many loans and messages there are it stays in view. */}
        {patron ? <CompleteButton onComplete={complete} /> : null}
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
          focusScanField();
        }}
      />

      {patron && pastHold?.patronBarcode === patron.patron.barcode ? (
        <LendPastHoldForm
          key={pastHold.itemBarcode}
          itemBarcode={pastHold.itemBarcode}
          onLend={(reason) => {
            setPastHold(null);
            enqueueItem(pastHold.itemBarcode, { ...pastHold.asked, overrideHold: { reason } });
            itemField.current?.focus();
          }}
          onCancel={() => {
            setPastHold(null);
            focusScanField();
          }}
        />
      ) : null}

      {patron && cardStop(patron.patron) !== null ? (
        <CardStopActions
          key={patron.patron.barcode}
          patron={patron.patron}
          lendingAnyway={lendingAnywayReason}
          onCardChanged={() => queue.enqueue({ kind: 'patron', barcode: patron.patron.barcode })}
          onLendAnyway={(reason) => {
            lendingAnyway.current = { patronBarcode: patron.patron.barcode, reason };
            patronBarcode.current = patron.patron.barcode;
            setLendingAnywayReason(reason);
            alerts.clear();
            setFocusItem((n) => n + 1);
          }}
        />
      ) : null}

      {patron ? (
        <>
          <PatronSummary patron={patron.patron} loanCount={patron.loanCount + lentCount(rows)} />
          <CheckedOutNow rows={rows} timeZone={timeZone} />
          <LoanTable
            caption="Other current loans"
            loans={renewals.current(earlierLoans)}
            timeZoneOf={timeZoneOf}
            empty="No other items out."
            actions={renewCell(renewals)}
          />
          <RenewAllControls renewals={renewals} loanCount={earlierLoans.length} />
          {/* The look-up carries the first loans only; the patron's page pages through the rest. */}
          <LoansShown shown={earlierLoans.length} total={patron.loanCount}>
            <Link href={`/patrons/${encodeURIComponent(patron.patron.barcode)}`}>
              See all current loans
            </Link>
          </LoansShown>
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

// Every transaction of a report, one row each, with what became of it, who the workstation says
// recorded it and who verifiably sent it. Six columns, each reading right for every type (the
// Patron column says whose the patron is), so the table fits a 1280-pixel screen. Barcodes and
// messages are rendered as text: they come from files and workstations, never trusted as markup.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { OfflineTransactionView } from '../../shared/api/offline.ts';
import { formatDateTime } from '../../shared/calendar/formatDates.ts';
import { ItemLink, PatronLink } from '../components/LoanTable.tsx';
import { ScrollingTable } from '../components/ScrollingTable.tsx';
import { OUTCOME_NAMES, TRANSACTION_TYPE_NAMES } from './outcomeWords.ts';
import { PATRON_ROLES, routingText, transactionDetail } from './transactionWords.ts';

export interface ReportTableProps {
  transactions: readonly OfflineTransactionView[];
  /** The zone times and due dates are shown in: the branch's. */
  timeZone: string;
  caption: string;
  /**
   * The report of one sending: the uploads it made. A row another upload stored first (an
   * earlier sending whose answer was lost) is marked with that upload.
   */
  sentIn?: readonly number[] | undefined;
}

export function ReportTable({ transactions, timeZone, caption, sentIn }: ReportTableProps) {
  if (transactions.length === 0) {
    return <p className="muted">No transactions match these filters.</p>;
  }
  return (
    <ScrollingTable className="loan-table report-table" caption={caption}>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Transaction</th>
          <th scope="col">Patron</th>
          <th scope="col">Item</th>
          <th scope="col">Outcome</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {transactions.map((transaction) => (
          <tr key={transaction.id}>
            <td>
              <span className="nowrap">{formatDateTime(transaction.correctedAt, timeZone)}</span>
              <span className="report-table__note nowrap">
                {transaction.workstation}, no. {transaction.sequence}
              </span>
            </td>
            <td>
              {TRANSACTION_TYPE_NAMES[transaction.type]}
              <Note>{transactionDetail(transaction, timeZone)}</Note>
            </td>
            <td>
              <PatronCell transaction={transaction} />
            </td>
            <td>
              <Named
                barcode={transaction.itemBarcode}
                name={transaction.itemTitle}
                Link={ItemLink}
              />
            </td>
            <td className="report-table__outcome">
              <span className={`outcome outcome--${transaction.status}`}>
                {OUTCOME_NAMES[transaction.status]}
              </span>
              {transaction.routing ? (
                <span
                  className={`flag ${transaction.routing.to === 'hold_shelf' ? 'flag--hold' : 'flag--transit'}`}
                >
                  {routingText(transaction.routing)}
                </span>
              ) : null}
              {transaction.lentAnyway ? <span className="flag">lent anyway</span> : null}
              {transaction.arrivedLate ? <span className="flag">arrived late</span> : null}
              {transaction.supervisorReview ? (
                <span className="flag">for supervisor review</span>
              ) : null}
              {sentIn && !sentIn.includes(transaction.uploadId) ? (
                <span className="flag">
                  stored before, with{' '}
                  <Link href={`/offline-uploads/${transaction.uploadId}`}>
                    upload {transaction.uploadId}
                  </Link>
                </span>
              ) : null}
              {/* The message says why a loan was lent anyway, with the list's reason and age. */}
              <Note>{transaction.message}</Note>
            </td>
            <td>
              {transaction.staffUsername}
              <Note>
                sent by {transaction.sentBy.username}
                {transaction.sentFrom === null ? null : (
                  <>
                    {' at '}
                    <span className="nowrap">{transaction.sentFrom}</span>
                  </>
                )}
              </Note>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * Whose the patron is on this row ("Lent to", "Returned by", …), and on a check-out that took the
 * item from another loan, who had it before (the server names them to supervisors only).
 */
function PatronCell({ transaction }: { transaction: OfflineTransactionView }) {
  const role = PATRON_ROLES[transaction.type];
  if (role === null) return <>—</>;
  // Past the library's loan history setting (docs/privacy.md): nobody is named.
  if (transaction.patronForgotten) return <span className="muted">forgotten</span>;
  const label = <span className="report-table__role">{role}</span>;
  if (transaction.type === 'check_in') {
    if (transaction.previousPatronBarcode === null) return <>—</>;
    return (
      <>
        {label}
        <Named
          barcode={transaction.previousPatronBarcode}
          name={transaction.previousPatronName}
          Link={PatronLink}
        />
      </>
    );
  }
  const created = transaction.createdPatron;
  const previous = transaction.previousPatronBarcode;
  return (
    <>
      {label}
      <Named
        barcode={created?.barcode ?? transaction.patronBarcode}
        name={created?.name ?? transaction.patronName}
        Link={PatronLink}
      />
      {previous !== null && previous !== transaction.patronBarcode ? (
        <>
          <span className="report-table__role">Had the item before</span>
          <Named barcode={previous} name={transaction.previousPatronName} Link={PatronLink} />
        </>
      ) : null}
    </>
  );
}

/** A second line in a cell, in the muted colour; nothing when there is nothing to say. */
function Note({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return <span className="report-table__note">{children}</span>;
}

/**
 * The name (or title) as a link to the patron's (or item's) page, the barcode beneath it; a
 * barcode the library does not know stays plain text, since there is no page to open.
 */
function Named({
  barcode,
  name,
  Link: NameLink,
}: {
  barcode: string | null;
  name: string | null;
  Link: typeof PatronLink;
}) {
  if (barcode === null) return <>—</>;
  if (name === null) return <span className="barcode report-table__barcode">{barcode}</span>;
  return (
    <>
      <NameLink barcode={barcode}>{name}</NameLink>
      <span className="barcode report-table__barcode">{barcode}</span>
    </>
  );
}

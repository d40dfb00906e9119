// Every transaction of a report, one row each, with what became of it, who the workstation says
// recorded it and who verifiably sent it. Barcodes and messages are rendered as text: they come
// from files and workstations, never trusted as markup.
import type { OfflineTransactionView } from '../../shared/api/offline.ts';
import { formatDate, formatDateTime } from '../../shared/calendar/formatDates.ts';
import { ItemLink, PatronLink } from '../components/LoanTable.tsx';
import { ScrollingTable } from '../components/ScrollingTable.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { OUTCOME_NAMES, TRANSACTION_TYPE_NAMES } from './outcomeWords.ts';

export interface ReportTableProps {
  transactions: readonly OfflineTransactionView[];
  /** The zone times and due dates are shown in: the branch's. */
  timeZone: string;
  caption: string;
}

export function ReportTable({ transactions, timeZone, caption }: ReportTableProps) {
  // Who had an item before is borrowing history: the server sends it to supervisors only.
  const previousBorrowers = may(useSession(), 'offline.report.readPreviousBorrowers');
  if (transactions.length === 0) {
    return <p className="muted">No transactions match these filters.</p>;
  }
  return (
    <ScrollingTable className="loan-table report-table" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Workstation</th>
          <th scope="col">No.</th>
          <th scope="col">Type</th>
          <th scope="col">Recorded by</th>
          <th scope="col">Sent by</th>
          <th scope="col">Patron</th>
          <th scope="col">Item</th>
          <th scope="col">Due date</th>
          <th scope="col">Outcome</th>
          <th scope="col">Message</th>
          {previousBorrowers ? <th scope="col">Had the item before</th> : null}
        </tr>
      </thead>
      <tbody>
        {transactions.map((transaction) => (
          <tr key={transaction.id}>
            <td className="nowrap">{formatDateTime(transaction.correctedAt, timeZone)}</td>
            <td>{transaction.workstation}</td>
            <td>{transaction.sequence}</td>
            <td>{TRANSACTION_TYPE_NAMES[transaction.type]}</td>
            <td>{transaction.staffUsername}</td>
            <td>
              {transaction.sentBy.username}
              {transaction.sentFrom === null ? '' : ` at ${transaction.sentFrom}`}
            </td>
            <td>
              {transaction.patronForgotten ? (
                // Past the library's loan history setting (docs/privacy.md): nobody is named.
                <span className="muted">forgotten</span>
              ) : (
                <Named
                  barcode={transaction.patronBarcode}
                  name={transaction.patronName}
                  Link={PatronLink}
                />
              )}
            </td>
            <td>
              <Named
                barcode={transaction.itemBarcode}
                name={transaction.itemTitle}
                Link={ItemLink}
              />
            </td>
            <td className="nowrap">
              {transaction.dueAt === null ? '—' : formatDate(transaction.dueAt, timeZone)}
            </td>
            <td>
              <span className={`outcome outcome--${transaction.status}`}>
                {OUTCOME_NAMES[transaction.status]}
              </span>
              {transaction.arrivedLate ? <span className="flag">arrived late</span> : null}
              {transaction.supervisorReview ? (
                <span className="flag">for supervisor review</span>
              ) : null}
            </td>
            <td>{transaction.message ?? ''}</td>
            {previousBorrowers ? (
              <td className="barcode">
                {transaction.previousPatronBarcode === null ? null : (
                  <PatronLink barcode={transaction.previousPatronBarcode}>
                    {transaction.previousPatronBarcode}
                  </PatronLink>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * The name (or title) as a link to the patron's (or item's) page, the barcode beneath it; a
 * barcode the library does not know stays plain text, since there is no page to open.
 */
function Named({
  barcode,
  name,
  Link,
}: {
  barcode: string | null;
  name: string | null;
  Link: typeof PatronLink;
}) {
  if (barcode === null) return <>—</>;
  if (name === null) return <span className="barcode">{barcode}</span>;
  return (
    <>
      <Link barcode={barcode}>{name}</Link>
      <span className="barcode report-table__barcode">{barcode}</span>
    </>
  );
}

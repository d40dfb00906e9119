// A table of loans: title, barcode, due date (in the lending branch's time zone) and, where it
// helps, the patron. Titles and names are rendered as text, never as HTML.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Loan } from '../../shared/api/circulation.ts';
import { formatDate } from '../../shared/calendar/formatDates.ts';
import { useNow } from '../lib/useNow.ts';
import { CaptionedTable } from './CaptionedTable.tsx';

export interface LoanTableProps {
  caption: string;
  loans: readonly Loan[];
  timeZoneOf(loan: Loan): string;
  showPatron?: boolean;
  /** Shown instead of an empty table. */
  empty: string;
  /** A last cell per loan, e.g. its "Renew" button. */
  actions?: (loan: Loan) => ReactNode;
}

export function LoanTable({
  caption,
  loans,
  timeZoneOf,
  showPatron,
  empty,
  actions,
}: LoanTableProps) {
  const now = useNow();
  const columns = [
    'Title',
    'Item barcode',
    ...(showPatron ? ['Patron'] : []),
    'Due',
    ...(actions ? ['Renewal'] : []),
  ];
  return (
    <CaptionedTable
      caption={caption}
      columns={columns}
      isEmpty={loans.length === 0}
      empty={empty}
      heading="h3"
    >
      {loans.map((loan) => (
        <tr key={loan.id}>
          <td>
            <ItemLink barcode={loan.item.barcode}>{loan.item.title}</ItemLink>
          </td>
          <td className="barcode">{loan.item.barcode}</td>
          {showPatron ? (
            <td>
              <PatronLink barcode={loan.patron.barcode}>{loan.patron.name}</PatronLink>
            </td>
          ) : null}
          <td>
            {formatDate(loan.dueAt, timeZoneOf(loan))}
            {loan.returnedAt === null && loan.dueAt < now ? (
              <span className="flag flag--overdue">Overdue</span>
            ) : null}
            {loan.renewalCount > 0 ? (
              <span className="flag">
                Renewed {loan.renewalCount === 1 ? 'once' : `${loan.renewalCount} times`}
              </span>
            ) : null}
          </td>
          {actions ? <td>{actions(loan)}</td> : null}
        </tr>
      ))}
    </CaptionedTable>
  );
}

export function ItemLink({ barcode, children }: { barcode: string; children: ReactNode }) {
  return <Link href={`/items/${encodeURIComponent(barcode)}`}>{children}</Link>;
}

export function PatronLink({ barcode, children }: { barcode: string; children: ReactNode }) {
  return <Link href={`/patrons/${encodeURIComponent(barcode)}`}>{children}</Link>;
}

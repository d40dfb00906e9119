// What staff act on first after an outage, above the report's table: the items check-ins sent to
// a hold shelf or into transit (they are sitting on the returns trolley), and the patrons
// registered offline. For the whole report, whatever the table's filters.
import type { NewPatron, OfflineReport, RoutedItem } from '../../shared/api/offline.ts';
import { ItemLink, PatronLink } from '../components/LoanTable.tsx';

export function ReportActionLists({ report }: { report: OfflineReport }) {
  return (
    <>
      <RoutedList
        id="report-hold-shelf"
        title="To hold shelf"
        intro="Checked in offline and caught for a hold: put each on the hold shelf with its slip."
        items={report.toHoldShelf}
        branchHeading="Hold shelf at"
      />
      <RoutedList
        id="report-transit"
        title="To send in transit"
        intro="Checked in offline and wanted at another branch: send each there."
        items={report.toTransit}
        branchHeading="Send to"
      />
      <NewPatrons patrons={report.newPatrons} />
    </>
  );
}

function RoutedList(props: {
  id: string;
  title: string;
  intro: string;
  items: readonly RoutedItem[];
  branchHeading: string;
}) {
  const { id, title, intro, items, branchHeading } = props;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id} className="report-list">
      <h2 id={id}>
        {title} ({items.length})
      </h2>
      <p className="muted">{intro}</p>
      <table className="loan-table report-list__table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Title</th>
            <th scope="col">For</th>
            <th scope="col">{branchHeading}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.transactionId}>
              <td className="barcode">
                <ItemLink barcode={item.itemBarcode}>{item.itemBarcode}</ItemLink>
              </td>
              <td>{item.itemTitle ?? '—'}</td>
              <td>{item.routing.patronShortName ?? '—'}</td>
              <td>{item.routing.branchName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NewPatrons({ patrons }: { patrons: readonly NewPatron[] }) {
  if (patrons.length === 0) return null;
  return (
    <section aria-labelledby="report-new-patrons" className="report-list">
      <h2 id="report-new-patrons">New patrons ({patrons.length})</h2>
      <p className="muted">Registered offline: check their details when they next visit.</p>
      <ul>
        {patrons.map((patron) => (
          <li key={patron.transactionId}>
            <PatronLink barcode={patron.barcode}>{patron.name}</PatronLink>{' '}
            <span className="barcode">{patron.barcode}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

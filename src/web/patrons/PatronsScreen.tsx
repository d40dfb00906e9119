// Patrons: find a patron by card barcode or by part of their name, open them, or register a new one.
import { Link, useLocation } from 'wouter';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import { api } from '../api/client.ts';
import { RecordSearch } from '../components/RecordSearch.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

const STATUS_NAMES = { good: 'Good', expired: 'Expired', blocked: 'Blocked' } as const;

export function PatronsScreen() {
  const session = useSession();
  const [, navigate] = useLocation();
  return (
    <main className="screen" aria-labelledby="patrons-title">
      <h1 id="patrons-title">Patrons</h1>
      {may(session, 'patron.register') ? (
        <p>
          <Link href="/patrons/new">Register patron</Link>
        </p>
      ) : null}
      <RecordSearch
        label="Card barcode or name"
        hint="Scan a card, or type part of the name: every word you type must be in the name (e.g. “smi jo” finds Jo Smith)."
        noun="patrons"
        search={(q, page) => api.findPatrons(q, page)}
        countOf={(answer) => answer.patrons.length}
        onBarcodeMatch={(answer) =>
          // Replacing the search, so Back from the patron does not land on it and open them again.
          navigate(`/patrons/${encodeURIComponent(answer.patrons[0]!.barcode)}`, { replace: true })
        }
      >
        {(answer) => (
          <table className="loan-table">
            <caption>Patrons found</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Card</th>
                <th scope="col">Type</th>
                <th scope="col">Home branch</th>
                <th scope="col">Card expires</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {answer.patrons.map((patron) => (
                <tr key={patron.id}>
                  <td>
                    <Link href={`/patrons/${encodeURIComponent(patron.barcode)}`}>
                      {patron.name}
                    </Link>
                  </td>
                  <td className="barcode">{patron.barcode}</td>
                  <td>{patron.patronType.name}</td>
                  <td>{patron.homeBranch.name}</td>
                  <td>{formatDay(patron.expiresOn)}</td>
                  <td>{STATUS_NAMES[patron.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RecordSearch>
    </main>
  );
}

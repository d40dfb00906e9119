// A title's page: its copies (where each is, and when it is due back if on loan) and its queue of
// holds in the order they were placed, with "Place hold" for any copy.
import { Link } from 'wouter';
import type { TitleDetail } from '../../shared/api/holdRequests.ts';
import { formatDate, formatDay } from '../../shared/calendar/formatDates.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { PatronLink } from '../components/LoanTable.tsx';
import { HOLD_STATUS_NAMES } from '../holds/holdStatusNames.ts';
import { PlaceHoldForm } from '../holds/PlaceHoldForm.tsx';
import { ITEM_STATUS_NAMES } from '../items/itemStatusNames.ts';
import { useLoad } from '../lib/useLoad.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export function TitleScreen({ titleId }: { titleId: number }) {
  const session = useSession();
  const [detail, replaceDetail] = useLoad(() => api.getTitle(titleId));

  if (detail.status !== 'loaded') {
    return (
      <main className="screen" aria-labelledby="title-title">
        <h1 id="title-title">Title</h1>
        {detail.status === 'loading' ? (
          <p className="muted">Loading the title…</p>
        ) : (
          <LoadError>{describeError(detail.error)}</LoadError>
        )}
      </main>
    );
  }

  const { title } = detail.data;
  return (
    <main className="screen" aria-labelledby="title-title">
      <h1 id="title-title">{title.title}</h1>
      <dl className="facts">
        <div>
          <dt>Author</dt>
          <dd>{title.author.trim() === '' ? '—' : title.author}</dd>
        </div>
        <div>
          <dt>Copies</dt>
          <dd>{detail.data.copies.length}</dd>
        </div>
        <div>
          <dt>Holds</dt>
          <dd>{detail.data.queue.length}</dd>
        </div>
      </dl>
      <Copies detail={detail.data} />
      <Queue detail={detail.data} />
      {may(session, 'hold.place') ? (
        <PlaceHoldForm
          titleId={title.id}
          onPlaced={() => void api.getTitle(titleId).then(replaceDetail)}
        />
      ) : null}
    </main>
  );
}

function Copies({ detail }: { detail: TitleDetail }) {
  return (
    <table className="loan-table">
      <caption>Copies</caption>
      <thead>
        <tr>
          <th scope="col">Barcode</th>
          <th scope="col">Call number</th>
          <th scope="col">Branch</th>
          <th scope="col">Status</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {detail.copies.map((copy) => (
          <tr key={copy.id}>
            <td className="barcode">
              <Link href={`/items/${encodeURIComponent(copy.barcode)}`}>{copy.barcode}</Link>
            </td>
            <td>{copy.callNumber}</td>
            <td>{copy.branch.name}</td>
            <td>{ITEM_STATUS_NAMES[copy.status]}</td>
            <td>{copy.dueAt === null ? '—' : formatDate(copy.dueAt, copy.branch.timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Queue({ detail }: { detail: TitleDetail }) {
  if (detail.queue.length === 0) return <p className="muted">Nobody is waiting for this title.</p>;
  return (
    <table className="loan-table">
      <caption>Queue</caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col">Patron</th>
          <th scope="col">Status</th>
          <th scope="col">Pickup branch</th>
          <th scope="col">Placed</th>
          <th scope="col">Suspended until</th>
        </tr>
      </thead>
      <tbody>
        {detail.queue.map((hold) => (
          <tr key={hold.id}>
            <td>{hold.queuePosition ?? '—'}</td>
            <td>
              <PatronLink barcode={hold.patron.barcode}>{hold.patron.name}</PatronLink>
              {hold.item ? <span className="muted"> (copy {hold.item.barcode} only)</span> : null}
            </td>
            <td>{HOLD_STATUS_NAMES[hold.status]}</td>
            <td>{hold.pickupBranch.name}</td>
            <td>{formatDate(hold.placedAt, hold.pickupBranch.timeZone)}</td>
            <td>{hold.suspendedUntil ? formatDay(hold.suspendedUntil) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

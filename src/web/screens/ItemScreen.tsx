// An item's page: what it is, where it belongs, and who has it now.
import { Link } from 'wouter';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { PatronLink } from '../components/LoanTable.tsx';
import { formatDate, formatDateTime } from '../../shared/calendar/formatDates.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useNow } from '../lib/useNow.ts';
import { useLoanTimeZone } from '../session/branches.ts';
import { ItemActions } from '../items/ItemActions.tsx';
import { ITEM_STATUS_NAMES } from '../items/itemStatusNames.ts';
import { PlaceHoldForm } from '../holds/PlaceHoldForm.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

export function ItemScreen({ barcode }: { barcode: string }) {
  const [detail, replaceDetail] = useLoad(() => api.getItem(barcode));
  const timeZoneOf = useLoanTimeZone();
  const now = useNow();
  const session = useSession();

  if (detail.status !== 'loaded') {
    return (
      <main className="screen" aria-labelledby="item-title">
        <h1 id="item-title">Item {barcode}</h1>
        {detail.status === 'loading' ? (
          <p className="muted">Loading the item…</p>
        ) : (
          <LoadError>{describeError(detail.error)}</LoadError>
        )}
      </main>
    );
  }

  const { item, currentLoan, timesLent, inHouseUses } = detail.data;
  return (
    <main className="screen" aria-labelledby="item-title">
      <h1 id="item-title">{item.title}</h1>
      <dl className="facts">
        <div>
          <dt>Barcode</dt>
          <dd className="barcode">{item.barcode}</dd>
        </div>
        <div>
          <dt>Author</dt>
          <dd>{item.author}</dd>
        </div>
        <div>
          <dt>Title</dt>
          <dd>
            <Link href={`/titles/${item.titleId}`}>All copies and holds</Link>
          </dd>
        </div>
        <div>
          <dt>Call number</dt>
          <dd>{item.callNumber}</dd>
        </div>
        <div>
          <dt>Material type</dt>
          <dd>{item.materialType.name}</dd>
        </div>
        <div>
          <dt>Owning branch</dt>
          <dd>{item.branch.name}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{ITEM_STATUS_NAMES[item.status]}</dd>
        </div>
        <div>
          <dt>Times lent</dt>
          <dd>{timesLent}</dd>
        </div>
        <div>
          <dt>In-house uses</dt>
          <dd>{inHouseUses}</dd>
        </div>
      </dl>
      <ItemActions
        item={item}
        onChanged={(changed) => replaceDetail({ ...detail.data, item: changed })}
      />
      <section aria-labelledby="current-loan-title">
        <h2 id="current-loan-title">Current loan</h2>
        {currentLoan ? (
          <dl className="facts">
            <div>
              <dt>Patron</dt>
              <dd>
                <PatronLink barcode={currentLoan.patron.barcode}>
                  {currentLoan.patron.name}
                </PatronLink>
              </dd>
            </div>
            <div>
              <dt>Checked out</dt>
              <dd>{formatDateTime(currentLoan.checkedOutAt, timeZoneOf(currentLoan))}</dd>
            </div>
            <div>
              <dt>Due</dt>
              <dd>
                {formatDate(currentLoan.dueAt, timeZoneOf(currentLoan))}
                {currentLoan.dueAt < now ? (
                  <span className="flag flag--overdue">Overdue</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Recorded</dt>
              <dd>{currentLoan.source === 'offline' ? 'Offline, sent later' : 'Online'}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">Not on loan.</p>
        )}
      </section>
      {may(session, 'hold.place') ? (
        <PlaceHoldForm titleId={item.titleId} itemBarcode={item.barcode} onPlaced={() => {}} />
      ) : null}
    </main>
  );
}

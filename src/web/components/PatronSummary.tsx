// Who is at the desk: name, card, type, and above all whether they may borrow. A blocked or
// expired card is shown as a banner so it cannot be missed.
import { Link } from 'wouter';
import type { Patron } from '../../shared/api/circulation.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';

export function PatronSummary({ patron, loanCount }: { patron: Patron; loanCount: number }) {
  return (
    <section className="patron-summary" aria-label="Patron">
      <h2>
        <Link href={`/patrons/${encodeURIComponent(patron.barcode)}`}>{patron.name}</Link>
      </h2>
      <PatronStatusBanner patron={patron} />
      <dl className="facts">
        <div>
          <dt>Barcode</dt>
          <dd>{patron.barcode}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{patron.patronType.name}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS_NAMES[patron.status]}</dd>
        </div>
        <div>
          <dt>Card expires</dt>
          <dd>{formatDay(patron.expiresOn)}</dd>
        </div>
        <div>
          <dt>Home branch</dt>
          <dd>{patron.homeBranch.name}</dd>
        </div>
        <div>
          <dt>Items out</dt>
          <dd>{loanCount}</dd>
        </div>
      </dl>
    </section>
  );
}

const STATUS_NAMES = { good: 'Good', expired: 'Expired', blocked: 'Blocked' } as const;

export function PatronStatusBanner({ patron }: { patron: Patron }) {
  if (patron.status === 'blocked') {
    return (
      <p className="status-banner status-banner--blocked">
        <strong>Blocked:</strong> {withoutFinalStop(patron.blockReason ?? 'no reason recorded')}. Do
        not lend until a supervisor has cleared the block.
      </p>
    );
  }
  if (patron.status === 'expired') {
    return (
      <p className="status-banner status-banner--expired">
        <strong>Card expired</strong> on {formatDay(patron.expiresOn)}. Do not lend until the card
        has been renewed.
      </p>
    );
  }
  return null;
}

/** Block reasons are typed by staff, with or without a full stop; the banner adds its own. */
export function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.!]+$/, '');
}

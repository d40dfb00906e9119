// The tabs of the bar's "Check In" entry: Check In itself, the hold shelf and the items in transit,
// each offered when the session grants it. Items come back at Check In and go on to the hold shelf
// or into transit; the bar has room for one entry, the desk needs the three a click apart.
import { Link, useLocation } from 'wouter';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';

const TABS = [
  { href: '/checkin', label: 'Check In', action: 'loan.checkIn' },
  { href: '/hold-shelf', label: 'Hold shelf', action: 'holdShelf.read' },
  { href: '/in-transit', label: 'In transit', action: 'transit.read' },
] as const;

export function CheckInTabs() {
  const session = useSession();
  const [location] = useLocation();
  const tabs = TABS.filter((tab) => may(session, tab.action));
  if (tabs.length < 2) return null;
  return (
    <nav className="section-tabs" aria-label="Check In and holds">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              className={
                location === tab.href ? 'section-tabs__link is-active' : 'section-tabs__link'
              }
              aria-current={location === tab.href ? 'page' : undefined}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

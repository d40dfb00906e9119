// The bar on every signed-in screen: where we are (library, branch, workstation), the screens,
// and the user menu.
import { Link, useRoute } from 'wouter';
import { useSession } from '../session/SessionContext.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useUserMenuItems } from './userMenuItems.ts';
import { isSupervisor } from '../offlineReports/roles.ts';

const ROLE_NAMES = { circulation: 'Circulation', supervisor: 'Supervisor', admin: 'Administrator' };

/** The screens in the navigation, in desk order. */
const NAVIGATION = [
  { href: '/checkout', label: 'Check Out' },
  { href: '/checkin', label: 'Check In' },
  { href: '/loan-rules', label: 'Loan rules' },
  { href: '/closed-days', label: 'Closed days' },
  { href: '/offline-uploads', label: 'Offline uploads' },
  // Offered to supervisors and admins only; the server refuses everyone else anyway.
  { href: '/offline-exceptions', label: 'Offline exceptions', supervisor: true },
  // "Upload offline file" is offered on Offline uploads, which keeps this bar to one row.
] as const;

export function Header() {
  const session = useSession();
  const { items, badge } = useUserMenuItems();
  const branch = session.workstation?.branch ?? session.user.branch;
  const navigation = NAVIGATION.filter(
    (entry) => !('supervisor' in entry) || isSupervisor(session),
  );

  return (
    <header className="app-header">
      <div className="app-header__place">
        <span className="app-header__library">Circa</span>
        <span className="app-header__branch">{branch.name}</span>
        {session.workstation ? (
          <span className="app-header__workstation">
            <span className="visually-hidden">Workstation: </span>
            {session.workstation.name}
          </span>
        ) : null}
      </div>
      <nav aria-label="Main" className="app-nav">
        <ul>
          {navigation.map((entry) => (
            <li key={entry.href}>
              <NavLink href={entry.href} label={entry.label} />
            </li>
          ))}
        </ul>
      </nav>
      <UserMenu
        username={session.user.username}
        caption={`${session.user.displayName} · ${ROLE_NAMES[session.user.role]}`}
        items={items}
        badge={badge}
      />
    </header>
  );
}

/** A navigation link that tells screen readers, not only the eye, which screen is open. */
function NavLink({ href, label }: { href: string; label: string }) {
  const [active] = useRoute(href);
  return (
    <Link
      href={href}
      className={active ? 'app-nav__link is-active' : 'app-nav__link'}
      aria-current={active ? 'page' : undefined}
    >
      {label}
    </Link>
  );
}

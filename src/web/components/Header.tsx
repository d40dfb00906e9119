// The bar on every signed-in screen: where we are (library, branch, workstation), the screens,
// and the user menu.
import { Link, useLocation, useRoute } from 'wouter';
import { useSession } from '../session/SessionContext.tsx';
import { UserMenu } from './UserMenu.tsx';
import { navigationFor } from './navigation.ts';
import { useUserMenuItems } from './userMenuItems.ts';

const ROLE_NAMES = { circulation: 'Circulation', supervisor: 'Supervisor', admin: 'Administrator' };

export function Header() {
  const session = useSession();
  const { items, badge } = useUserMenuItems();
  const branch = session.workstation?.branch ?? session.user.branch;
  const navigation = navigationFor(session);

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
              <NavLink href={entry.href} label={entry.label} tabs={entry.tabs} />
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
function NavLink({
  href,
  label,
  tabs = [],
}: {
  href: string;
  label: string;
  tabs?: readonly string[] | undefined;
}) {
  // A section's own pages (/admin/branches under /admin) and its tabs keep its entry marked.
  const [exact] = useRoute(href);
  const [within] = useRoute(`${href}/*`);
  const [location] = useLocation();
  const active = exact || within || tabs.includes(location);
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

// The frame of every administration page: the pages' own navigation, the heading and a line on
// what the page is for. Supervisors see the same pages without the buttons that change anything.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ADMIN_PAGES } from './adminPages.ts';

export function AdminPage({
  id,
  title,
  intro,
  children,
}: {
  /** The page's id, for its heading's id. */
  id: string;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  const [location] = useLocation();
  const session = useSession();
  return (
    <main className="screen screen--wide admin" aria-labelledby={`${id}-title`}>
      <nav className="admin-nav" aria-label="Administration">
        <ul>
          {ADMIN_PAGES.filter((page) => !page.action || may(session, page.action)).map((page) => (
            <li key={page.href}>
              <Link
                href={page.href}
                className={location === page.href ? 'admin-nav__link is-active' : 'admin-nav__link'}
                aria-current={location === page.href ? 'page' : undefined}
              >
                {page.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h1 id={`${id}-title`}>{title}</h1>
      <p className="muted">{intro}</p>
      {children}
    </main>
  );
}

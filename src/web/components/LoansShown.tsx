// "Showing 50 of 1,000 current loans" under a loan table that holds only the first of a patron's
// loans, with what the screen offers to see the rest.
import type { ReactNode } from 'react';
import { describeLoansShown } from '../lib/loanPages.ts';

export function LoansShown({
  shown,
  total,
  children,
}: {
  shown: number;
  total: number;
  /** A way to the rest: a "Show more loans" button or a link to the patron's page. */
  children?: ReactNode;
}) {
  const text = describeLoansShown(shown, total);
  if (text === null) return null;
  return (
    <p className="loans-shown">
      <span role="status">{text}</span> {children}
    </p>
  );
}

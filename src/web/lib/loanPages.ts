// A patron's current loans arrive a page at a time: the look-up carries the first ones, the patron
// page asks for more. These say how many are shown and put the pages together.
import type { Loan } from '../../shared/api/circulation.ts';

/** E.g. "Showing 50 of 1,000 current loans"; null when every loan is shown. */
export function describeLoansShown(shown: number, total: number, locale?: string): string | null {
  if (shown >= total) return null;
  const numbers = new Intl.NumberFormat(locale);
  const noun = total === 1 ? 'current loan' : 'current loans';
  return `Showing ${numbers.format(shown)} of ${numbers.format(total)} ${noun}`;
}

/**
 * The loans shown so far followed by the next page. A loan already shown is not added again: a
 * check-out elsewhere between two pages moves the later loans one place down the list.
 */
export function appendLoanPage(shown: readonly Loan[], page: readonly Loan[]): Loan[] {
  const ids = new Set(shown.map((loan) => loan.id));
  return [...shown, ...page.filter((loan) => !ids.has(loan.id))];
}

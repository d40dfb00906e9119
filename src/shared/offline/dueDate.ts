// The due date of an offline check-out: a Special Loan for this loan, else one for this patron,
// else the Settings-wide one, else the library's default loan period; counted in the branch's
// calendar as the snapshot knows it, from the current day each time (so a client left open
// overnight lends from the new day).
import type { DueDateBasis } from './transaction.ts';
import type { OfflineSnapshot } from './snapshot.ts';
import { computeDueDate, type DueDateRequest } from '../calendar/dueDates.ts';
import { formatDay } from '../calendar/formatDates.ts';

/** A Special Loan's due date: a fixed date, or a number of loan days from today. */
export type SpecialLoanTerm = { kind: 'date'; date: string } | { kind: 'days'; days: number };

export interface SpecialLoans {
  /** Special Loan for the next loan only. */
  nextLoan: SpecialLoanTerm | null;
  /** Special Loan for every loan of the current patron until Complete. */
  patron: SpecialLoanTerm | null;
  /** Settings → Special Loan → "Apply to all check-outs". */
  all: SpecialLoanTerm | null;
}

export const NO_SPECIAL_LOANS: SpecialLoans = { nextLoan: null, patron: null, all: null };

export interface OfflineDueDate {
  /** Epoch ms, 23:59 local at the branch. */
  dueAt: number;
  /** 'YYYY-MM-DD' at the branch. */
  dueDate: string;
  basis: DueDateBasis;
  /** Something staff should know about this due date, in plain words; null when nothing. */
  notice: string | null;
}

function termFields(term: SpecialLoanTerm): { date: string } | { days: number } {
  return term.kind === 'date' ? { date: term.date } : { days: term.days };
}

function requestFor(term: SpecialLoanTerm): DueDateRequest {
  return term.kind === 'date'
    ? { kind: 'date', date: term.date }
    : { kind: 'loanDays', days: term.days };
}

/**
 * Decides the due date of a loan checked out at `at` (the server's time as best known: the
 * workstation clock corrected by the snapshot's offset). Throws DueDateError when a Special Loan's
 * date cannot be used (e.g. it is in the past); its message says what to do.
 */
export function decideDueDate(
  at: number,
  snapshot: Pick<OfflineSnapshot, 'branch' | 'closedDates' | 'knownThrough' | 'defaultLoanDays'>,
  specials: SpecialLoans,
): OfflineDueDate {
  let basis: DueDateBasis;
  let request: DueDateRequest;
  if (specials.nextLoan) {
    basis = { kind: 'special_loan', ...termFields(specials.nextLoan) };
    request = requestFor(specials.nextLoan);
  } else if (specials.patron) {
    basis = { kind: 'special_patron', ...termFields(specials.patron) };
    request = requestFor(specials.patron);
  } else if (specials.all) {
    basis = { kind: 'special_all', ...termFields(specials.all) };
    request = requestFor(specials.all);
  } else {
    basis = { kind: 'rule', loanDays: snapshot.defaultLoanDays };
    request = { kind: 'loanDays', days: snapshot.defaultLoanDays };
  }
  const due = computeDueDate(at, request, {
    timeZone: snapshot.branch.timeZone,
    closedWeekdays: snapshot.branch.closedWeekdays,
    closedDates: new Set(snapshot.closedDates),
    knownThrough: snapshot.knownThrough,
  });
  let notice: string | null = null;
  if (!due.calendarCovers) {
    notice =
      `This client knows the branch's closed days only through ${formatDay(snapshot.knownThrough)}, so ` +
      `${formatDay(due.dueDate)} skips closed weekdays but not holidays after that date. Tell the patron the ` +
      'date may move if the branch is closed then; refresh by signing in to Circa online.';
  } else if (due.movedFromClosedDay !== null) {
    notice = `The branch is closed on ${formatDay(due.movedFromClosedDay)}, so the loan is due on the next open day, ${formatDay(due.dueDate)}.`;
  }
  return { dueAt: due.dueAt, dueDate: due.dueDate, basis, notice };
}

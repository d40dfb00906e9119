// Reading what staff typed in a Special Loan form into a term, or a message saying what to fix.
import { parseCalendarDate } from '../../shared/calendar/calendarDates.ts';
import { formatDay } from '../../shared/calendar/formatDates.ts';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';

/** What staff typed in a Special Loan form's "due date or number of loan days" choice. */
export type TermDraft = { mode: 'date' | 'days'; date: string; days: string };

export const EMPTY_TERM_DRAFT: TermDraft = { mode: 'date', date: '', days: '' };

export const MAX_SPECIAL_LOAN_DAYS = 3650;

export type TermParse = { ok: true; term: SpecialLoanTerm } | { ok: false; message: string };

export function parseTermDraft(draft: TermDraft, today: string): TermParse {
  if (draft.mode === 'date') {
    if (draft.date === '' || parseCalendarDate(draft.date) === null) {
      return { ok: false, message: 'Choose the due date.' };
    }
    if (draft.date < today) {
      return {
        ok: false,
        message: `The due date ${formatDay(draft.date)} is before today (${formatDay(today)}): choose today or a later date.`,
      };
    }
    return { ok: true, term: { kind: 'date', date: draft.date } };
  }
  const days = Number(draft.days);
  if (
    draft.days.trim() === '' ||
    !Number.isInteger(days) ||
    days < 0 ||
    days > MAX_SPECIAL_LOAN_DAYS
  ) {
    return {
      ok: false,
      message: `Enter the number of loan days as a whole number from 0 to ${MAX_SPECIAL_LOAN_DAYS}.`,
    };
  }
  return { ok: true, term: { kind: 'days', days } };
}

export function termToDraft(term: SpecialLoanTerm | null): TermDraft {
  if (term === null) return { mode: 'date', date: '', days: '' };
  return term.kind === 'date'
    ? { mode: 'date', date: term.date, days: '' }
    : { mode: 'days', date: '', days: String(term.days) };
}

/** e.g. "due on Mon 4 Jan 2027" or "7 loan days". */
export function describeTerm(term: SpecialLoanTerm): string {
  if (term.kind === 'date') return `due on ${formatDay(term.date)}`;
  return term.days === 1 ? '1 loan day' : `${term.days} loan days`;
}

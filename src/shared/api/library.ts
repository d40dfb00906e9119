// The library's set-up as the API shows it: branches, loan rules and closed days
// (GET /api/library/branches, /api/library/loan-rules, /api/library/closed-days?branch=CODE).
import { z } from 'zod';
import { parseCalendarDate } from '../calendar/calendarDates.ts';
import { BranchSummary } from './session.ts';

/** 0 = Sunday … 6 = Saturday. */
export const Weekday = z.number().int().min(0).max(6);

export const Branch = BranchSummary.extend({
  /** Weekdays the branch is always closed; due dates move past them. */
  closedWeekdays: z.array(Weekday),
});
export type Branch = z.infer<typeof Branch>;

export const BranchList = z.object({ branches: z.array(Branch) });
export type BranchList = z.infer<typeof BranchList>;

export const LoanRule = z.object({
  id: z.number().int(),
  patronType: z.object({ code: z.string(), name: z.string() }),
  materialType: z.object({ code: z.string(), name: z.string() }),
  /** Null: the library-wide rule, used where a branch has no rule of its own. */
  branch: BranchSummary.nullable(),
  loanDays: z.number().int(),
  /** Most loans of this material type a patron of this type may have at once. */
  maxItems: z.number().int(),
  /** How many times a loan under this rule may be renewed. */
  renewalsAllowed: z.number().int(),
});
export type LoanRule = z.infer<typeof LoanRule>;

export const LoanRuleList = z.object({ loanRules: z.array(LoanRule) });
export type LoanRuleList = z.infer<typeof LoanRuleList>;

/** A calendar date, 'YYYY-MM-DD', in the branch's time zone. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD, e.g. 2026-12-25.');

export const ClosedDay = z.object({
  date: CalendarDate,
  reason: z.string(),
});
export type ClosedDay = z.infer<typeof ClosedDay>;

export const ClosedDaysQuery = z.object({
  branch: z.string().trim().min(1, 'Name a branch code.'),
});
export type ClosedDaysQuery = z.infer<typeof ClosedDaysQuery>;

export const ClosedDayList = z.object({
  branch: Branch,
  /** In date order. */
  closedDays: z.array(ClosedDay),
});
export type ClosedDayList = z.infer<typeof ClosedDayList>;

/** A calendar date that exists ('2026-02-30' does not), for closed days staff add or remove. */
export const RealCalendarDate = CalendarDate.refine(
  (date) => parseCalendarDate(date) !== null,
  'This date does not exist on the calendar: check the month and day.',
);

/** GET /api/library/closed-days?branch=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD (from and to inclusive). */
export const ClosedDaysRangeQuery = ClosedDaysQuery.extend({
  from: RealCalendarDate.optional(),
  to: RealCalendarDate.optional(),
});
export type ClosedDaysRangeQuery = z.infer<typeof ClosedDaysRangeQuery>;

/** POST /api/library/closed-days: close a branch for a day. */
export const NewClosedDay = z.object({
  branch: z.string().trim().min(1, 'Name a branch code.'),
  date: RealCalendarDate,
  reason: z.string().trim().min(1, 'Say why the branch is closed, e.g. "Christmas Day".').max(200),
});
export type NewClosedDay = z.infer<typeof NewClosedDay>;

/** DELETE /api/library/closed-days/:branch/:date */
export const ClosedDayParams = z.object({
  branch: z.string().trim().min(1, 'Name a branch code.'),
  date: RealCalendarDate,
});
export type ClosedDayParams = z.infer<typeof ClosedDayParams>;

/** What POST /api/library/closed-days answers: the branch and the day now closed. */
export const ClosedDayCreated = z.object({ branch: Branch, closedDay: ClosedDay });
export type ClosedDayCreated = z.infer<typeof ClosedDayCreated>;

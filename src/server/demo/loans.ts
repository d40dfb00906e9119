// The demo library's open loans: about one item in twenty is out, some of them overdue, lent by the
// owning branch to patrons in good standing within their loan rule's limit. Who has what is fixed by
// the seed; when each loan started is counted back from the moment of seeding.
import {
  addDays,
  computeDueDate,
  endOfDay,
  isOpenDay,
  localDate,
  type BranchCalendar,
} from '../../shared/calendar/dueDates.ts';
import { findLoanRule } from '../../shared/loanRules/loanRules.ts';
import type { DemoItem, DemoPatron } from './collection.ts';
import type { DemoBranch, DemoBranchCode, DemoClosedDay, DemoLoanRule } from './library.ts';
import { createRandom } from './random.ts';

const LOAN_SEED = 0x10a2_0003;
/** Share of available items out on loan. */
const ON_LOAN_SHARE = 0.05;
/** Share of loans checked out long enough ago to be overdue. */
const OVERDUE_SHARE = 0.2;
/** Tries at finding a borrower under the limit before the item stays on the shelf. */
const BORROWER_TRIES = 10;
const MINUTE_MS = 60_000;
const OPENING_MINUTE = 9 * 60;
const CLOSING_MINUTE = 19 * 60;
const END_OF_DAY_MINUTE = 23 * 60 + 59;

export interface DemoLoan {
  itemBarcode: string;
  patronBarcode: string;
  /** The lending branch: the item's owning branch. */
  branch: DemoBranchCode;
  checkedOutAt: number;
  dueAt: number;
}

export interface LoanInputs {
  now: number;
  /** The seeding day the patrons' expiry dates were counted from. */
  today: string;
  branches: readonly DemoBranch[];
  closedDays: readonly DemoClosedDay[];
  loanRules: readonly DemoLoanRule[];
  patrons: readonly DemoPatron[];
  items: readonly DemoItem[];
}

/** Open loans, and the items with 'on_loan' set on exactly those lent. */
export function generateLoans(inputs: LoanInputs): { loans: DemoLoan[]; items: DemoItem[] } {
  const random = createRandom(LOAN_SEED);
  const calendars = branchCalendars(inputs.branches, inputs.closedDays);
  // Only cards valid on the seeding day borrow. Judged on the day the expiry dates were counted
  // from, so the same patrons qualify whatever the time of seeding.
  const borrowers = inputs.patrons.filter(
    (p) => p.blockReason === null && p.expiresOn > inputs.today,
  );
  // The shared rule finder matches by id; numbering the codes lets the demo use it as checkOut does.
  const idOf = numbering();
  const rules = inputs.loanRules.map((rule) => ({
    ...rule,
    patronTypeId: idOf(rule.patronType),
    materialTypeId: idOf(rule.materialType),
    branchId: rule.branch === null ? null : idOf(rule.branch),
  }));
  const loansOut = new Map<string, number>();
  const loans: DemoLoan[] = [];
  const items = inputs.items.map((item) => {
    // Draw the same numbers for every item, lent or not, so one item's fate never moves another's.
    const lend = random.chance(ON_LOAN_SHARE);
    const overdue = random.chance(OVERDUE_SHARE);
    const ageFraction = random.next();
    const overdueDays = random.int(1, 30);
    const minuteOfDay = random.int(OPENING_MINUTE, CLOSING_MINUTE);
    const candidates = Array.from({ length: BORROWER_TRIES }, () => random.pick(borrowers));
    if (!lend || item.status !== 'available') return item;

    const calendar = calendars.get(item.branch)!;
    for (const patron of candidates) {
      const rule = findLoanRule(rules, {
        patronTypeId: idOf(patron.patronType),
        materialTypeId: idOf(item.materialType),
        branchId: idOf(item.branch),
      });
      if (!rule) continue;
      const key = `${patron.barcode}/${item.materialType}`;
      const out = loansOut.get(key) ?? 0;
      if (out >= rule.maxItems) continue;
      loansOut.set(key, out + 1);
      const ageDays = overdue
        ? rule.loanDays + overdueDays
        : 1 + Math.floor(ageFraction * Math.max(rule.loanDays - 1, 1));
      const checkedOutAt = checkOutInstant(inputs.now, ageDays, minuteOfDay, calendar);
      const { dueAt } = computeDueDate(
        checkedOutAt,
        { kind: 'loanDays', days: rule.loanDays },
        calendar,
      );
      loans.push({
        itemBarcode: item.barcode,
        patronBarcode: patron.barcode,
        branch: item.branch,
        checkedOutAt,
        dueAt,
      });
      return { ...item, status: 'on_loan' as const };
    }
    return item;
  });
  return { loans, items };
}

/** A moment during opening hours `ageDays` or more days before now, on a day the branch was open. */
function checkOutInstant(
  now: number,
  ageDays: number,
  minuteOfDay: number,
  calendar: BranchCalendar,
): number {
  let date = addDays(localDate(now, calendar.timeZone), -ageDays);
  while (!isOpenDay(date, calendar)) date = addDays(date, -1);
  return endOfDay(date, calendar.timeZone) - (END_OF_DAY_MINUTE - minuteOfDay) * MINUTE_MS;
}

/** A number per distinct code, handed out on first sight. */
function numbering(): (code: string) => number {
  const ids = new Map<string, number>();
  return (code) => {
    let id = ids.get(code);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(code, id);
    }
    return id;
  };
}

function branchCalendars(
  branches: readonly DemoBranch[],
  closedDays: readonly DemoClosedDay[],
): Map<DemoBranchCode, BranchCalendar> {
  return new Map(
    branches.map((branch) => [
      branch.code,
      {
        timeZone: branch.timeZone,
        closedWeekdays: branch.closedWeekdays,
        closedDates: new Set(closedDays.filter((d) => d.branch === branch.code).map((d) => d.date)),
      },
    ]),
  );
}

// The fixed part of the demo library: its settings, branches and their calendars, patron and material
// types, loan rules, staff sign-ins and the first workstation. Patrons and items are generated
// (see collection.ts); everything here is written out so docs/demo.md can quote it.
import { DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import {
  dayNumberFromParts,
  formatCalendarDate,
  partsFromDayNumber,
  weekdayOfDayNumber,
} from '../../shared/calendar/calendarDates.ts';
import type { LibrarySettings } from '../db/librarySettings.ts';
import type { StaffRole } from '../db/schema.ts';

export const DEMO_LIBRARY_NAME = 'Circa Demo Library';

export const DEMO_SETTINGS: LibrarySettings = {
  libraryName: DEMO_LIBRARY_NAME,
  barcodeRules: DEMO_BARCODE_RULES,
  defaultLoanDays: 21,
  installOfflineClientAtSignIn: true,
  offlineBlockedList: false,
  offlineBlockListMaxAgeHours: 24,
  offlineRenewalRefusal: 'apply_with_warning',
  offlineSpecialLoanMaxDays: 365,
  offlineOverridePolicy: 'apply_and_flag',
  holdShelfDays: 7,
  itemsFloat: false,
  loanHistoryDays: 30,
};

export type DemoBranchCode = 'MAIN' | 'EAST' | 'MOBILE';

export interface DemoBranch {
  code: DemoBranchCode;
  name: string;
  timeZone: string;
  /** 0 = Sunday. */
  closedWeekdays: readonly number[];
}

// Three time zones and three patterns of closed weekdays, so due dates visibly differ by branch.
export const DEMO_BRANCHES: readonly DemoBranch[] = [
  { code: 'MAIN', name: 'Central Library', timeZone: 'America/Chicago', closedWeekdays: [0] },
  { code: 'EAST', name: 'Eastside Branch', timeZone: 'America/New_York', closedWeekdays: [0, 1] },
  { code: 'MOBILE', name: 'Bookmobile', timeZone: 'America/Denver', closedWeekdays: [0, 6] },
];

export const DEMO_PATRON_TYPES = [
  { code: 'ADULT', name: 'Adult' },
  { code: 'CHILD', name: 'Child' },
  { code: 'STAFF', name: 'Staff' },
] as const;
export type DemoPatronTypeCode = (typeof DEMO_PATRON_TYPES)[number]['code'];

export const DEMO_MATERIAL_TYPES = [
  { code: 'BOOK', name: 'Book' },
  { code: 'DVD', name: 'DVD' },
  { code: 'MAGAZINE', name: 'Magazine' },
  { code: 'AUDIOBOOK', name: 'Audiobook' },
] as const;
export type DemoMaterialTypeCode = (typeof DEMO_MATERIAL_TYPES)[number]['code'];

export interface DemoLoanRule {
  patronType: DemoPatronTypeCode;
  materialType: DemoMaterialTypeCode;
  /** Null: every branch without a rule of its own. */
  branch: DemoBranchCode | null;
  loanDays: number;
  maxItems: number;
}

const rule = (
  patronType: DemoPatronTypeCode,
  materialType: DemoMaterialTypeCode,
  loanDays: number,
  maxItems: number,
  branch: DemoBranchCode | null = null,
): DemoLoanRule => ({ patronType, materialType, branch, loanDays, maxItems });

// Adult books come first: browser tests take the first library-wide rule of a patron type as the
// everyday loan.
export const DEMO_LOAN_RULES: readonly DemoLoanRule[] = [
  rule('ADULT', 'BOOK', 21, 30),
  rule('ADULT', 'DVD', 7, 5),
  rule('ADULT', 'MAGAZINE', 14, 10),
  rule('ADULT', 'AUDIOBOOK', 21, 10),
  rule('CHILD', 'BOOK', 21, 10),
  rule('CHILD', 'DVD', 7, 2),
  rule('CHILD', 'MAGAZINE', 14, 5),
  rule('CHILD', 'AUDIOBOOK', 21, 5),
  rule('STAFF', 'BOOK', 42, 50),
  rule('STAFF', 'DVD', 14, 10),
  rule('STAFF', 'MAGAZINE', 21, 20),
  rule('STAFF', 'AUDIOBOOK', 42, 20),
  // The bookmobile comes round every four weeks, so its books are due on its next visit.
  rule('ADULT', 'BOOK', 28, 30, 'MOBILE'),
  rule('CHILD', 'BOOK', 28, 10, 'MOBILE'),
  rule('ADULT', 'AUDIOBOOK', 28, 10, 'MOBILE'),
];

/** The password of every demo sign-in. Demo data only: never use it for a real library. */
export const DEMO_PASSWORD = 'circa-demo';

export interface DemoSignIn {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

/** The staff sign-ins `npm start` prints after seeding; all work at the Central Library. */
export const DEMO_SIGN_INS: readonly DemoSignIn[] = [
  { username: 'desk', displayName: 'Dana Desk', role: 'circulation', password: DEMO_PASSWORD },
  { username: 'super', displayName: 'Sam Supervisor', role: 'supervisor', password: DEMO_PASSWORD },
  { username: 'admin', displayName: 'Alex Admin', role: 'admin', password: DEMO_PASSWORD },
];

export const DEMO_STAFF_BRANCH: DemoBranchCode = 'MAIN';
export const DEMO_WORKSTATION = { name: 'MAIN-DESK-1', branch: 'MAIN' as DemoBranchCode };

/** Holidays are written for these years, plus the year of seeding and the next. */
export const DEMO_HOLIDAY_FIRST_YEAR = 2025;
export const DEMO_HOLIDAY_LAST_YEAR = 2028;

export interface DemoClosedDay {
  branch: DemoBranchCode;
  date: string;
  reason: string;
}

/** The n-th (1-based) given weekday of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n === -1) {
    const lastDay = dayNumberFromParts(year, month + 1, 1) - 1;
    const back = (weekdayOfDayNumber(lastDay) - weekday + 7) % 7;
    return dateOfDayNumber(lastDay - back);
  }
  const first = dayNumberFromParts(year, month, 1);
  const forward = (weekday - weekdayOfDayNumber(first) + 7) % 7;
  return dateOfDayNumber(first + forward + (n - 1) * 7);
}

function dateOfDayNumber(dayNumber: number): string {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return formatCalendarDate(year, month, day);
}

const MONDAY = 1;
const THURSDAY = 4;

/** The holidays every branch closes for in a year, in date order. */
export function holidaysOf(year: number): Array<{ date: string; reason: string }> {
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4);
  return [
    { date: formatCalendarDate(year, 1, 1), reason: "New Year's Day" },
    { date: nthWeekday(year, 5, MONDAY, -1), reason: 'Memorial Day' },
    { date: formatCalendarDate(year, 7, 4), reason: 'Independence Day' },
    { date: nthWeekday(year, 9, MONDAY, 1), reason: 'Labor Day' },
    { date: thanksgiving, reason: 'Thanksgiving Day' },
    { date: formatCalendarDate(year, 12, 24), reason: 'Christmas Eve' },
    { date: formatCalendarDate(year, 12, 25), reason: 'Christmas Day' },
  ];
}

/** The bookmobile's own closed day: its yearly service the day after Thanksgiving. */
export function bookmobileServiceDay(year: number): string {
  return dateOfDayNumber(dayNumberFromParts(...dateParts(nthWeekday(year, 11, THURSDAY, 4))) + 1);
}

function dateParts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** Every closed day for the fixed years and for `seedYear` and the year after, in branch order. */
export function demoClosedDays(seedYear: number): DemoClosedDay[] {
  const years = new Set<number>();
  for (let year = DEMO_HOLIDAY_FIRST_YEAR; year <= DEMO_HOLIDAY_LAST_YEAR; year += 1) {
    years.add(year);
  }
  years.add(seedYear);
  years.add(seedYear + 1);
  const sortedYears = [...years].toSorted((a, b) => a - b);
  return DEMO_BRANCHES.flatMap((branch) => {
    const days: DemoClosedDay[] = sortedYears.flatMap((year) => [
      ...holidaysOf(year).map((holiday) => ({ branch: branch.code, ...holiday })),
      ...(branch.code === 'MOBILE'
        ? [
            {
              branch: branch.code,
              date: bookmobileServiceDay(year),
              reason: 'Bookmobile yearly service',
            },
          ]
        : []),
    ]);
    return days.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  });
}

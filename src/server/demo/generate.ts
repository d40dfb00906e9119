// The whole demo library as plain data, from one reference instant: the same instant gives the same
// library, row for row. Only card expiry dates and loan times move with the instant.
import { localDate } from '../../shared/calendar/dueDates.ts';
import type { LibrarySettings } from '../db/librarySettings.ts';
import { generateItems, generatePatrons, type DemoItem, type DemoPatron } from './collection.ts';
import {
  DEMO_BRANCHES,
  DEMO_LOAN_RULES,
  DEMO_MATERIAL_TYPES,
  DEMO_PATRON_TYPES,
  DEMO_SETTINGS,
  DEMO_SIGN_INS,
  DEMO_STAFF_BRANCH,
  DEMO_WORKSTATION,
  demoClosedDays,
  type DemoBranch,
  type DemoBranchCode,
  type DemoClosedDay,
  type DemoLoanRule,
  type DemoSignIn,
} from './library.ts';
import { generateLoans, type DemoLoan } from './loans.ts';

export interface DemoLibrary {
  settings: LibrarySettings;
  branches: readonly DemoBranch[];
  closedDays: DemoClosedDay[];
  patronTypes: ReadonlyArray<{ code: string; name: string }>;
  materialTypes: ReadonlyArray<{ code: string; name: string }>;
  loanRules: readonly DemoLoanRule[];
  patrons: DemoPatron[];
  /** With status 'on_loan' on exactly the items in `loans`. */
  items: DemoItem[];
  loans: DemoLoan[];
  staff: ReadonlyArray<DemoSignIn & { branch: DemoBranchCode }>;
  workstation: { name: string; branch: DemoBranchCode };
}

/** The demo's calendar day is the Central Library's: card expiry dates count from it. */
const REFERENCE_TIME_ZONE = 'America/Chicago';

export function generateDemoLibrary(now: number): DemoLibrary {
  const today = localDate(now, REFERENCE_TIME_ZONE);
  const closedDays = demoClosedDays(Number(today.slice(0, 4)));
  const patrons = generatePatrons(today);
  const { items, loans } = generateLoans({
    now,
    today,
    branches: DEMO_BRANCHES,
    closedDays,
    loanRules: DEMO_LOAN_RULES,
    patrons,
    items: generateItems(),
  });
  return {
    settings: DEMO_SETTINGS,
    branches: DEMO_BRANCHES,
    closedDays,
    patronTypes: DEMO_PATRON_TYPES,
    materialTypes: DEMO_MATERIAL_TYPES,
    loanRules: DEMO_LOAN_RULES,
    patrons,
    items,
    loans,
    staff: DEMO_SIGN_INS.map((signIn) => ({ ...signIn, branch: DEMO_STAFF_BRANCH })),
    workstation: DEMO_WORKSTATION,
  };
}

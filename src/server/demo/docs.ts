// docs/demo.md, generated from the demo library itself so its barcodes, names and rules can never
// drift from what `npm start` seeds. Regenerate with `npx tsx src/server/demo/writeDemoDocs.ts`.
import { addDays, localDate } from '../../shared/calendar/dueDates.ts';
import { patronStatus } from '../../shared/patrons/patronStatus.ts';
import type { DemoItem, DemoPatron } from './collection.ts';
import { generateDemoLibrary, type DemoLibrary } from './generate.ts';
import {
  DEMO_HOLIDAY_FIRST_YEAR,
  DEMO_HOLIDAY_LAST_YEAR,
  DEMO_SIGN_INS,
  holidaysOf,
} from './library.ts';
import { markdownTable } from './markdown.ts';

/**
 * Any instant gives the same page: which patrons and items exist and who has what never depend on
 * it. It only has to be fixed so generating the page is a pure function.
 */
const DOCS_REFERENCE_INSTANT = Date.UTC(2026, 0, 15, 18, 0);
/** Sample "good" cards stay valid at least this long after seeding, "expired" ones expired this long before. */
const GOOD_FOR_AT_LEAST_DAYS = 730;
const EXPIRED_FOR_AT_LEAST_DAYS = 365;

const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

export function renderDemoDocs(): string {
  const library = generateDemoLibrary(DOCS_REFERENCE_INSTANT);
  const branchName = new Map(library.branches.map((b) => [b.code, b.name]));
  const patronTypeName = new Map(library.patronTypes.map((t) => [t.code, t.name]));
  const materialTypeName = new Map(library.materialTypes.map((t) => [t.code, t.name]));
  const patrons = samplePatrons(library);
  const sections = [
    `# The demo library

When the database is empty, \`npm start\` fills it with the demo library:
**${library.settings.libraryName}**, unless it is started with \`CIRCA_DEMO=false\` for a real
library (see [setting-up.md](setting-up.md)). It is generated, not random: every start on any machine, with
SQLite or PostgreSQL, makes the same branches, patrons and items with the same barcodes. Only dates
move with the day it is seeded: card expiry dates and the open loans (checked out in the weeks
before, some of them overdue) are counted from that day.

This page is generated from the same code (\`src/server/demo/\`); a test fails when it is out of
date. Regenerate it with \`npx tsx src/server/demo/writeDemoDocs.ts\`.

Barcodes have 14 digits with a mod-10 check digit, like Codabar library cards: patron barcodes start
with 2, item barcodes with 3. In all:

- ${library.branches.length} branches, each with its own time zone and closed days;
- ${count(library.patrons.length)} patrons: adults, children and staff, some expired, some blocked;
- ${count(library.items.length)} items: books, DVDs, magazines and audiobooks, a few lost, missing or damaged;
- about ${roundTo(library.loans.length, 100)} open loans, some of them overdue;
- the three staff sign-ins below.`,
    `## Sign-ins

All three work at the ${branchName.get('MAIN')}, where the workstation
\`${library.workstation.name}\` is already set up. The password is for the demo only: never use the demo
library for a real one.

${markdownTable(
  ['Username', 'Name', 'Role', 'Password'],
  DEMO_SIGN_INS.map((s) => [s.username, s.displayName, s.role, s.password]),
)}`,
    `## Branches

Loans fall due at 23:59 in the lending branch's time zone, moved past its closed weekdays and
holidays to the next open day.

${markdownTable(
  ['Code', 'Branch', 'Time zone', 'Closed every'],
  library.branches.map((b) => [
    b.code,
    b.name,
    b.timeZone,
    // Counted from Saturday, so runs read as people say them: "Saturday and Sunday", "Sunday and Monday".
    b.closedWeekdays
      .toSorted((x, y) => ((x + 1) % 7) - ((y + 1) % 7))
      .map((d) => WEEKDAY_NAMES[d] ?? String(d))
      .join(' and '),
  ]),
)}

Every branch is also closed on these holidays, in each year from ${DEMO_HOLIDAY_FIRST_YEAR} through ${DEMO_HOLIDAY_LAST_YEAR}
and in the year of seeding and the next:

${holidaysOf(DEMO_HOLIDAY_FIRST_YEAR)
  .map((h) => `- ${h.reason}`)
  .join('\n')}

The Bookmobile is also off the road for its yearly service on the day after Thanksgiving.`,
    `## Loan rules

A rule for the lending branch wins over the rule for every branch. "Most items" counts the patron's
loans of that material type. Offline, every loan gets the library's offline loan period, ${library.settings.defaultLoanDays} days: the offline client does not know patron types or material types.

${markdownTable(
  ['Patron type', 'Material type', 'Branch', 'Loan days', 'Most items'],
  library.loanRules.map((r) => [
    patronTypeName.get(r.patronType) ?? r.patronType,
    materialTypeName.get(r.materialType) ?? r.materialType,
    r.branch === null ? 'every branch' : (branchName.get(r.branch) ?? r.branch),
    String(r.loanDays),
    String(r.maxItems),
  ]),
)}`,
    `## Sample patrons

Good cards here stay valid for at least two years after seeding; expired ones expired at least a
year before it.

${markdownTable(
  ['Barcode', 'Name', 'Patron type', 'Home branch', 'Status', 'Items out'],
  patrons.map(({ patron, status }) => [
    patron.barcode,
    patron.name,
    patronTypeName.get(patron.patronType) ?? patron.patronType,
    branchName.get(patron.homeBranch) ?? patron.homeBranch,
    status === 'blocked' ? `blocked: ${patron.blockReason ?? ''}` : status,
    String(library.loans.filter((l) => l.patronBarcode === patron.barcode).length),
  ]),
)}`,
    `## Sample items

Items on loan show who has them (the first ones belong to sample patrons above); check one in to
see it come back. Lost and missing items cannot be checked out; a damaged one asks staff to look at
it first, and lends when they press **Lend anyway**.

${markdownTable(
  ['Barcode', 'Title', 'Material type', 'Branch', 'Status'],
  sampleItems(library, patrons).map((item) => [
    item.barcode,
    item.title,
    materialTypeName.get(item.materialType) ?? item.materialType,
    branchName.get(item.branch) ?? item.branch,
    itemStatusText(library, item),
  ]),
)}`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function roundTo(n: number, step: number): string {
  return count(Math.round(n / step) * step);
}

function itemStatusText(library: DemoLibrary, item: DemoItem): string {
  if (item.status !== 'on_loan') return item.status;
  const loan = library.loans.find((l) => l.itemBarcode === item.barcode);
  return `on loan to ${loan?.patronBarcode ?? 'a patron'}`;
}

type SampleStatus = 'good' | 'expired' | 'blocked';

/** Five good cards (two with loans to check in), four long expired, four blocked. */
function samplePatrons(library: DemoLibrary): Array<{ patron: DemoPatron; status: SampleStatus }> {
  const today = localDate(DOCS_REFERENCE_INSTANT, 'America/Chicago');
  const goodThrough = addDays(today, GOOD_FOR_AT_LEAST_DAYS);
  const expiredBy = addDays(today, -EXPIRED_FOR_AT_LEAST_DAYS);
  const borrowers = new Set(library.loans.map((l) => l.patronBarcode));
  const good = library.patrons.filter(
    (p) => patronStatus(p, today) === 'good' && p.expiresOn >= goodThrough,
  );
  const picks: Array<{ patron: DemoPatron; status: SampleStatus }> = [
    ...good.filter((p) => !borrowers.has(p.barcode)).slice(0, 3),
    ...good.filter((p) => borrowers.has(p.barcode)).slice(0, 2),
  ].map((patron) => ({ patron, status: 'good' }));
  picks.push(
    ...library.patrons
      .filter((p) => patronStatus(p, today) === 'expired' && p.expiresOn <= expiredBy)
      .slice(0, 4)
      .map((patron) => ({ patron, status: 'expired' as const })),
    ...library.patrons
      .filter((p) => p.blockReason !== null)
      .slice(0, 4)
      .map((patron) => ({ patron, status: 'blocked' as const })),
  );
  return picks;
}

function available(materialType: DemoItem['materialType']): (item: DemoItem) => boolean {
  return (item) => item.status === 'available' && item.materialType === materialType;
}

/** Twenty items: available ones of every material type, some on loan, and a few not lendable. */
function sampleItems(
  library: DemoLibrary,
  patrons: ReadonlyArray<{ patron: DemoPatron }>,
): DemoItem[] {
  const listed = new Set(patrons.map(({ patron }) => patron.barcode));
  const lentToListed = new Set(
    library.loans.filter((l) => listed.has(l.patronBarcode)).map((l) => l.itemBarcode),
  );
  const first = (n: number, keep: (item: DemoItem) => boolean) =>
    library.items.filter(keep).slice(0, n);
  return [
    ...first(5, available('BOOK')),
    ...first(2, available('DVD')),
    ...first(2, available('MAGAZINE')),
    ...first(1, available('AUDIOBOOK')),
    ...first(2, (item) => lentToListed.has(item.barcode)),
    ...first(2, (item) => item.status === 'on_loan' && !lentToListed.has(item.barcode)),
    ...first(2, (item) => item.status === 'lost'),
    ...first(2, (item) => item.status === 'missing'),
    ...first(2, (item) => item.status === 'damaged'),
  ];
}

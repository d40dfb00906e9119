import { describe, expect, it } from 'vitest';
import { checkBarcode, DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import { isOpenDay, localDate } from '../../shared/calendar/dueDates.ts';
import { patronStatus } from '../../shared/patrons/patronStatus.ts';
import { generateDemoLibrary } from './generate.ts';
import { holidaysOf } from './library.ts';

const NOW = Date.UTC(2026, 10, 28, 16, 0); // 2026-11-28 10:00 in Chicago
const library = generateDemoLibrary(NOW);
const TODAY = localDate(NOW, 'America/Chicago');

describe('the generated demo library', () => {
  it('is the same for the same moment', () => {
    expect(generateDemoLibrary(NOW)).toEqual(library);
  });

  it('keeps its patrons, items and who has what whenever it is seeded; only dates move', () => {
    const later = generateDemoLibrary(NOW + 400 * 86_400_000);
    const withoutDates = (lib: typeof library) => ({
      patrons: lib.patrons.map(({ expiresOn: _expires, ...rest }) => rest),
      items: lib.items,
      loans: lib.loans.map(({ checkedOutAt: _out, dueAt: _due, ...rest }) => rest),
    });
    expect(withoutDates(later)).toEqual(withoutDates(library));
    expect(later.patrons.map((p) => p.expiresOn)).not.toEqual(
      library.patrons.map((p) => p.expiresOn),
    );
  });

  it('has three branches, 2,000 patrons and 20,000 items', () => {
    expect(library.branches.map((b) => [b.code, b.timeZone, b.closedWeekdays])).toEqual([
      ['MAIN', 'America/Chicago', [0]],
      ['EAST', 'America/New_York', [0, 1]],
      ['MOBILE', 'America/Denver', [0, 6]],
    ]);
    expect(library.patrons).toHaveLength(2_000);
    expect(library.items).toHaveLength(20_000);
    expect(new Set(library.items.map((i) => i.materialType))).toEqual(
      new Set(['BOOK', 'DVD', 'MAGAZINE', 'AUDIOBOOK']),
    );
    expect(new Set(library.items.map((i) => i.branch))).toEqual(
      new Set(['MAIN', 'EAST', 'MOBILE']),
    );
  });

  it('gives every patron and item a distinct barcode that passes the demo barcode rules', () => {
    for (const patron of library.patrons) {
      expect(checkBarcode('patron', patron.barcode, DEMO_BARCODE_RULES).ok).toBe(true);
    }
    for (const item of library.items) {
      expect(checkBarcode('item', item.barcode, DEMO_BARCODE_RULES).ok).toBe(true);
    }
    expect(new Set(library.patrons.map((p) => p.barcode)).size).toBe(2_000);
    expect(new Set(library.items.map((i) => i.barcode)).size).toBe(20_000);
  });

  it('has good, expired and blocked patrons, with plain block reasons', () => {
    const counts = { good: 0, expired: 0, blocked: 0 };
    for (const patron of library.patrons) counts[patronStatus(patron, TODAY)] += 1;
    expect(counts.good).toBeGreaterThan(1_600);
    expect(counts.expired).toBeGreaterThan(100);
    expect(counts.blocked).toBeGreaterThan(40);
    const reasons = new Set(library.patrons.flatMap((p) => (p.blockReason ? [p.blockReason] : [])));
    expect(reasons).toContain('Unpaid fees over limit');
    expect(reasons).toContain('Lost card reported');
  });

  it('lends about one item in twenty, some overdue, and marks exactly those on loan', () => {
    expect(library.loans.length).toBeGreaterThan(800);
    expect(library.loans.length).toBeLessThan(1_200);
    const onLoan = library.items.filter((i) => i.status === 'on_loan').map((i) => i.barcode);
    expect(onLoan.toSorted()).toEqual(library.loans.map((l) => l.itemBarcode).toSorted());
    const overdue = library.loans.filter((l) => l.dueAt < NOW);
    expect(overdue.length).toBeGreaterThan(50);
    expect(overdue.length).toBeLessThan(library.loans.length / 2);
    for (const status of ['lost', 'missing', 'damaged'] as const) {
      expect(library.items.filter((i) => i.status === status).length).toBeGreaterThan(5);
    }
  });

  it('lends only to patrons in good standing, within their limits, on open days', () => {
    const patrons = new Map(library.patrons.map((p) => [p.barcode, p]));
    const items = new Map(library.items.map((i) => [i.barcode, i]));
    const out = new Map<string, number>();
    for (const loan of library.loans) {
      const patron = patrons.get(loan.patronBarcode)!;
      const item = items.get(loan.itemBarcode)!;
      expect(patronStatus(patron, TODAY)).toBe('good');
      expect(loan.branch).toBe(item.branch);
      expect(loan.checkedOutAt).toBeLessThan(NOW);
      expect(loan.dueAt).toBeGreaterThan(loan.checkedOutAt);
      const branch = library.branches.find((b) => b.code === loan.branch)!;
      const calendar = {
        timeZone: branch.timeZone,
        closedWeekdays: branch.closedWeekdays,
        closedDates: new Set(
          library.closedDays.filter((d) => d.branch === branch.code).map((d) => d.date),
        ),
      };
      expect(isOpenDay(localDate(loan.checkedOutAt, branch.timeZone), calendar)).toBe(true);
      expect(isOpenDay(localDate(loan.dueAt, branch.timeZone), calendar)).toBe(true);
      const key = `${patron.barcode}/${item.materialType}`;
      out.set(key, (out.get(key) ?? 0) + 1);
      const rules = library.loanRules.filter(
        (r) => r.patronType === patron.patronType && r.materialType === item.materialType,
      );
      const rule = rules.find((r) => r.branch === item.branch) ?? rules.find((r) => !r.branch);
      expect(out.get(key)).toBeLessThanOrEqual(rule!.maxItems);
    }
  });

  it('closes every branch on holidays from 2025 through 2028 and the years of seeding', () => {
    expect(holidaysOf(2026)).toEqual([
      { date: '2026-01-01', reason: "New Year's Day" },
      { date: '2026-05-25', reason: 'Memorial Day' },
      { date: '2026-07-04', reason: 'Independence Day' },
      { date: '2026-09-07', reason: 'Labor Day' },
      { date: '2026-11-26', reason: 'Thanksgiving Day' },
      { date: '2026-12-24', reason: 'Christmas Eve' },
      { date: '2026-12-25', reason: 'Christmas Day' },
    ]);
    const years = (lib: typeof library) =>
      new Set(lib.closedDays.filter((d) => d.branch === 'EAST').map((d) => d.date.slice(0, 4)));
    expect(years(library)).toEqual(new Set(['2025', '2026', '2027', '2028']));
    expect(years(generateDemoLibrary(Date.UTC(2031, 5, 1)))).toEqual(
      new Set(['2025', '2026', '2027', '2028', '2031', '2032']),
    );
    expect(library.closedDays).toContainEqual({
      branch: 'MOBILE',
      date: '2027-11-26',
      reason: 'Bookmobile yearly service',
    });
  });

  it('has the three staff sign-ins at the Central Library', () => {
    expect(library.staff.map((s) => [s.username, s.role, s.branch])).toEqual([
      ['desk', 'circulation', 'MAIN'],
      ['super', 'supervisor', 'MAIN'],
      ['admin', 'admin', 'MAIN'],
    ]);
    expect(library.workstation).toEqual({ name: 'MAIN-DESK-1', branch: 'MAIN' });
  });
});

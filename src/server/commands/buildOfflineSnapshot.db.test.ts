import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import { OfflineSnapshot } from '../../shared/offline/snapshot.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  buildBranch,
  buildLoanRule,
  buildMaterialType,
  buildPatron,
  buildPatronType,
  buildStaffUser,
  buildWorkstation,
} from '../testing/factories.ts';
import { buildOfflineSnapshot, type SnapshotSettings } from './buildOfflineSnapshot.ts';

const settings: SnapshotSettings = {
  libraryName: 'Riverside Public Library',
  barcodeRules: DEMO_BARCODE_RULES,
  defaultLoanDays: 21,
  offlineBlockedList: false,
};
/** 2026-12-02 10:00 in Chicago. */
const NOW = Date.UTC(2026, 11, 2, 16, 0);

describeEachEngine('buildOfflineSnapshot', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.dispose());

  async function scene() {
    const { db } = database;
    const branch = await buildBranch(db, { time_zone: 'America/Chicago', closed_weekdays: '0,6' });
    const other = await buildBranch(db);
    const user = await buildStaffUser(db, { branch_id: branch.id, display_name: 'Dana Desk' });
    const workstation = await buildWorkstation(db, { branch_id: branch.id });
    await db
      .insertInto('closed_days')
      .values([
        { branch_id: branch.id, date: '2026-12-01', reason: 'Yesterday' },
        { branch_id: branch.id, date: '2026-12-25', reason: 'Christmas Day' },
        { branch_id: branch.id, date: '2027-12-04', reason: 'Past the coming year' },
        { branch_id: other.id, date: '2026-12-24', reason: 'Another branch' },
      ])
      .execute();
    return { db, branch, other, user, workstation };
  }

  it('holds the branch calendar for the coming year, the identity and the settings', async () => {
    const { db, branch, user, workstation } = await scene();
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings,
      now: NOW,
      appVersion: '0.1.0',
    });
    expect(OfflineSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({
      takenAt: NOW,
      libraryName: 'Riverside Public Library',
      branch: { code: branch.code, timeZone: 'America/Chicago', closedWeekdays: [0, 6] },
      closedDates: ['2026-12-25'],
      knownThrough: '2027-12-03',
      defaultLoanDays: 21,
      barcodeRules: DEMO_BARCODE_RULES,
      workstation: workstation.name,
      staff: { username: user.username, displayName: 'Dana Desk' },
    });
    expect(snapshot).not.toHaveProperty('blockedPatronBarcodes');
  });

  it('lists the rule in force for each pair: this branch’s own beats the library’s', async () => {
    const { db, branch, other, user, workstation } = await scene();
    const adult = await buildPatronType(db, { code: `ADULT${branch.id}`, name: 'Adult' });
    const book = await buildMaterialType(db, { code: `BOOK${branch.id}`, name: 'Book' });
    const dvd = await buildMaterialType(db, { code: `DVD${branch.id}`, name: 'DVD' });
    const pair = { patron_type_id: adult.id, material_type_id: book.id };
    await buildLoanRule(db, { ...pair, branch_id: null, loan_days: 21 });
    await buildLoanRule(db, { ...pair, branch_id: branch.id, loan_days: 14, max_items: 5 });
    await buildLoanRule(db, { ...pair, material_type_id: dvd.id, branch_id: null, loan_days: 7 });
    await buildLoanRule(db, {
      ...pair,
      material_type_id: dvd.id,
      branch_id: other.id,
      loan_days: 2,
    });
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings,
      now: NOW,
      appVersion: '0.1.0',
    });
    const mine = snapshot.loanRules.filter((r) => r.patronType.code === adult.code);
    expect(mine).toEqual([
      {
        patronType: { code: adult.code, name: 'Adult' },
        materialType: { code: book.code, name: 'Book' },
        loanDays: 14,
        maxItems: 5,
        scope: 'branch',
      },
      {
        patronType: { code: adult.code, name: 'Adult' },
        materialType: { code: dvd.code, name: 'DVD' },
        loanDays: 7,
        maxItems: 10,
        scope: 'library',
      },
    ]);
  });

  it('sends blocked card numbers, and nothing else about patrons, only when the library chose to', async () => {
    const { db, user, workstation } = await scene();
    const blocked = await buildPatron(db, { block_reason: 'Lost card reported', name: 'Ada L' });
    await buildPatron(db, { name: 'Bob B' });
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings: { ...settings, offlineBlockedList: true },
      now: NOW,
      appVersion: '0.1.0',
    });
    expect(snapshot.blockedPatronBarcodes).toContain(blocked.barcode);
    expect(snapshot.blockedPatronBarcodes?.every((b) => b !== '')).toBe(true);
    expect(JSON.stringify(snapshot)).not.toMatch(/Ada L|Bob B|Lost card reported/);
  });
});

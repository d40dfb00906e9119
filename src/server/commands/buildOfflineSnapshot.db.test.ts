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
  offlineBlockListMaxAgeHours: 24,
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
    expect(snapshot).not.toHaveProperty('blockList');
  });

  it('always carries the patron types, by code and name, for Register Patron', async () => {
    const { db, user, workstation } = await scene();
    const teen = await buildPatronType(db, { code: 'TEEN', name: 'Teen' });
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings,
      now: NOW,
      appVersion: '0.1.0',
    });
    expect(snapshot.patronTypes).toContainEqual({ code: teen.code, name: 'Teen' });
    const codes = snapshot.patronTypes?.map((type) => type.code) ?? [];
    expect(codes).toEqual(codes.toSorted());
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

  it('sends a block list of blocked and expired cards, and nothing else about patrons, only when the library chose to', async () => {
    const { db, user, workstation } = await scene();
    const blocked = await buildPatron(db, { block_reason: 'Lost card reported', name: 'Ada L' });
    const blockedAndExpired = await buildPatron(db, {
      block_reason: 'Owes fines',
      expires_on: '2025-01-31',
    });
    const expired = await buildPatron(db, { expires_on: '2026-11-30', name: 'Eve E' });
    const expiringInHorizon = await buildPatron(db, { expires_on: '2027-12-03' });
    const expiringAfter = await buildPatron(db, { expires_on: '2027-12-04' });
    const reader = await buildPatron(db, { name: 'Bob B' });
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings: { ...settings, offlineBlockedList: true, offlineBlockListMaxAgeHours: 36 },
      now: NOW,
      appVersion: '0.1.0',
    });
    expect(OfflineSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).not.toHaveProperty('blockedPatronBarcodes');
    expect(snapshot.blockList).toMatchObject({ madeAt: NOW, maxAgeHours: 36 });
    const entries = snapshot.blockList?.entries ?? [];
    expect(entries).toContainEqual({ barcode: blocked.barcode, reason: 'blocked' });
    // A blocked card is listed once, as blocked: the stronger reason.
    expect(entries.filter((e) => e.barcode === blockedAndExpired.barcode)).toEqual([
      { barcode: blockedAndExpired.barcode, reason: 'blocked' },
    ]);
    expect(entries).toContainEqual({
      barcode: expired.barcode,
      reason: 'expired',
      expiresOn: '2026-11-30',
    });
    expect(entries).toContainEqual({
      barcode: expiringInHorizon.barcode,
      reason: 'expired',
      expiresOn: '2027-12-03',
    });
    const listed = entries.map((e) => e.barcode);
    expect(listed).not.toContain(expiringAfter.barcode);
    expect(listed).not.toContain(reader.barcode);
    expect(listed).toEqual(listed.toSorted());
    expect(JSON.stringify(snapshot)).not.toMatch(/Ada L|Bob B|Eve E|Lost card reported|Owes fines/);
  });

  it('leaves out a stored barcode no scanner could produce, so the snapshot stays readable', async () => {
    const { db, user, workstation } = await scene();
    const hidden = await buildPatron(db, { barcode: 'P\u202e0042', block_reason: 'Old record' });
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings: { ...settings, offlineBlockedList: true },
      now: NOW,
      appVersion: '0.1.0',
    });
    expect(OfflineSnapshot.safeParse(snapshot).success).toBe(true);
    expect(snapshot.blockList?.entries.map((e) => e.barcode)).not.toContain(hidden.barcode);
    await db.deleteFrom('patrons').where('id', '=', hidden.id).execute();
  });

  it('keeps a block list of 20,000 cards under 1.5 MB of JSON', async () => {
    const { db, user, workstation } = await scene();
    const type = await buildPatronType(db);
    const home = await buildBranch(db);
    const LISTED = 20_000;
    const rows = Array.from({ length: LISTED }, (_, n) => ({
      barcode: `29${String(n).padStart(12, '0')}`,
      name: `Listed ${n}`,
      patron_type_id: type.id,
      home_branch_id: home.id,
      expires_on: n % 2 === 0 ? '2099-12-31' : '2026-06-30',
      block_reason: n % 2 === 0 ? 'Owes fines' : null,
    }));
    for (let start = 0; start < LISTED; start += 1000)
      await db
        .insertInto('patrons')
        .values(rows.slice(start, start + 1000))
        .execute();
    const snapshot = await buildOfflineSnapshot({
      db,
      user,
      workstation,
      settings: { ...settings, offlineBlockedList: true },
      now: NOW,
      appVersion: '0.1.0',
    });
    const ours = snapshot.blockList?.entries.filter((e) => e.barcode.startsWith('29')) ?? [];
    expect(ours).toHaveLength(LISTED);
    const bytes = Buffer.byteLength(JSON.stringify(snapshot));
    // Half blocked (~45 bytes an entry), half expired (~70 bytes): about 1.2 MB with the rest.
    expect(bytes).toBeLessThan(1_500_000);
    await db.deleteFrom('patrons').where('barcode', 'like', '29%').execute();
  });
});

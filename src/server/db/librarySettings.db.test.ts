import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  getLibrarySettings,
  LibrarySettingsError,
  saveLibrarySettings,
  type LibrarySettings,
} from './librarySettings.ts';

const DEMO_SETTINGS: LibrarySettings = {
  libraryName: 'Circa Demo Library',
  barcodeRules: DEMO_BARCODE_RULES,
  defaultLoanDays: 14,
  installOfflineClientAtSignIn: false,
  offlineBlockedList: true,
  offlineBlockListMaxAgeHours: 72,
  offlineRenewalRefusal: 'exception',
  offlineSpecialLoanMaxDays: 120,
  offlineOverridePolicy: 'hold',
  holdShelfDays: 7,
  itemsFloat: false,
  loanHistoryDays: 30,
};

describeEachEngine('library settings', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('start as a fresh library: any barcode, 21 days offline, the offline client installed at sign-in, no block list (called out of date after 24 hours), refused offline renewals applied with a warning, Special Loans up to a year, supervisor-only loans applied and flagged, 7 days on the hold shelf, items going home, loan history forgotten after 30 days', async () => {
    expect(await getLibrarySettings(test.db)).toEqual({
      libraryName: 'Circa',
      barcodeRules: {
        patron: { length: null, prefix: '', checkDigit: 'none' },
        item: { length: null, prefix: '', checkDigit: 'none' },
      },
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
    });
  });

  it('read back what was saved', async () => {
    await saveLibrarySettings(test.db, DEMO_SETTINGS);
    expect(await getLibrarySettings(test.db)).toEqual(DEMO_SETTINGS);
    const row = await test.db.selectFrom('library_settings').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: 1,
      offline_blocked_list: 1,
      default_loan_days: 14,
      offline_block_list_max_age_hours: 72,
      offline_renewal_refusal: 'exception',
    });
  });

  it('refuse settings that break the rules and change nothing', async () => {
    await saveLibrarySettings(test.db, DEMO_SETTINGS);
    await expect(
      saveLibrarySettings(test.db, { ...DEMO_SETTINGS, defaultLoanDays: 0 }),
    ).rejects.toThrow(/defaultLoanDays/);
    await expect(
      saveLibrarySettings(test.db, { ...DEMO_SETTINGS, offlineBlockListMaxAgeHours: 8785 }),
    ).rejects.toThrow(/offlineBlockListMaxAgeHours/);
    await expect(
      saveLibrarySettings(test.db, {
        ...DEMO_SETTINGS,
        offlineRenewalRefusal: 'ignore' as 'exception',
      }),
    ).rejects.toThrow(/offlineRenewalRefusal/);
    await expect(
      saveLibrarySettings(test.db, {
        ...DEMO_SETTINGS,
        barcodeRules: {
          ...DEMO_BARCODE_RULES,
          item: { length: 0, prefix: '3', checkDigit: 'mod10' },
        },
      }),
    ).rejects.toThrow(/barcodeRules\.item\.length/);
    expect(await getLibrarySettings(test.db)).toEqual(DEMO_SETTINGS);
  });

  it('keep a single settings row', async () => {
    await expect(
      test.db
        .insertInto('library_settings')
        .values({
          id: 2,
          library_name: 'Second',
          barcode_rules: '{}',
          default_loan_days: 21,
          offline_blocked_list: 0,
        })
        .execute(),
    ).rejects.toThrow(/check constraint/i);
  });

  it('explain stored barcode rules that do not match the schema', async () => {
    await test.db
      .updateTable('library_settings')
      .set({ barcode_rules: JSON.stringify({ patron: { length: 14 } }) })
      .execute();
    const failure = getLibrarySettings(test.db);
    await expect(failure).rejects.toBeInstanceOf(LibrarySettingsError);
    await expect(failure).rejects.toThrow(/barcodeRules.*save the library settings again/s);
    await test.db.updateTable('library_settings').set({ barcode_rules: '{not json' }).execute();
    await expect(getLibrarySettings(test.db)).rejects.toThrow(/not valid JSON/);
    await saveLibrarySettings(test.db, DEMO_SETTINGS);
  });

  it('explain a missing settings row instead of inventing one', async () => {
    await test.db.deleteFrom('library_settings').execute();
    await expect(getLibrarySettings(test.db)).rejects.toThrow(/settings row is missing/);
    await expect(saveLibrarySettings(test.db, DEMO_SETTINGS)).rejects.toThrow(
      /settings row is missing/,
    );
  });
});

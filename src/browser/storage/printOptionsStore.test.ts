// oxlint-disable-next-line import/no-unassigned-import -- it installs the IndexedDB globals idb uses
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openOfflineDb } from './database.ts';
import { DEFAULT_PRINT_OPTIONS, PrintOptions, readPrintOptions } from './localState.ts';
import { loadPrintOptions, savePrintOptions } from './printOptionsStore.ts';

describe('the Print Options store', () => {
  it('gives the defaults (no receipt) until options are saved', async () => {
    expect(await loadPrintOptions('circa-print-options-empty')).toEqual(DEFAULT_PRINT_OPTIONS);
  });

  it('keeps what the staff app saves where the offline client reads it', async () => {
    const options: PrintOptions = {
      printReceipts: true,
      headerText: 'Open 9–6',
      paper: 'page',
      printSlips: false,
      printCheckInReceipts: true,
      printRenewalReceipts: true,
    };
    await savePrintOptions(options, 'circa-print-options-shared');
    expect(await loadPrintOptions('circa-print-options-shared')).toEqual(options);
    const offlineClientDb = await openOfflineDb('circa-print-options-shared');
    try {
      expect(await readPrintOptions(offlineClientDb)).toEqual(options);
    } finally {
      offlineClientDb.close();
    }
  });

  it('prints hold and transit slips by default, also for options saved before slips existed', () => {
    expect(DEFAULT_PRINT_OPTIONS.printSlips).toBe(true);
    const saved = { printReceipts: false, headerText: '', paper: 'receipt' };
    expect(PrintOptions.parse(saved).printSlips).toBe(true);
  });

  it('prints no check-in receipts unless chosen, also for options saved before they existed', () => {
    expect(DEFAULT_PRINT_OPTIONS.printCheckInReceipts).toBe(false);
    const saved = { printReceipts: true, headerText: '', paper: 'receipt', printSlips: true };
    expect(PrintOptions.parse(saved).printCheckInReceipts).toBe(false);
  });

  it('prints no renewal receipt unless asked, also for options saved before Renew existed', () => {
    const saved = { printReceipts: true, headerText: '', paper: 'receipt' };
    expect(PrintOptions.parse(saved).printRenewalReceipts).toBe(false);
  });
});

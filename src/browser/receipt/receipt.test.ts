import { describe, expect, it } from 'vitest';
import { buildReceipt, maskBarcode, OFFLINE_RECEIPT_NOTICE } from './receipt.ts';

describe('buildReceipt', () => {
  const input = {
    libraryName: 'Riverside Public Library',
    headerText: '  Thank you for visiting!\n\nOpen Mon–Sat 9–6  ',
    branchName: 'Main Library',
    timeZone: 'America/Chicago',
    printedAt: Date.UTC(2026, 11, 2, 16, 5),
    patronBarcode: '21234000000011',
    loans: [
      { itemBarcode: '31234000000019', dueDate: '2026-12-23' },
      { itemBarcode: '31234000000027', dueDate: '2027-01-04' },
    ],
    recordedOffline: true,
  };

  it('holds the library, the date, the masked patron, each item with its due date, and the offline line', () => {
    expect(buildReceipt(input)).toEqual({
      libraryName: 'Riverside Public Library',
      headerLines: ['Thank you for visiting!', 'Open Mon–Sat 9–6'],
      branchName: 'Main Library',
      printedAt: 'Wed 2 Dec 2026, 10:05',
      patronBarcode: '••••••••••0011',
      loans: [
        { itemBarcode: '31234000000019', title: null, due: 'Wed 23 Dec 2026' },
        { itemBarcode: '31234000000027', title: null, due: 'Mon 4 Jan 2027' },
      ],
      total: '2 items',
      offlineNotice: OFFLINE_RECEIPT_NOTICE,
    });
    expect(OFFLINE_RECEIPT_NOTICE).toMatch(/recorded while the library system was offline/);
  });

  it('gives titles and no offline line for loans made online', () => {
    const receipt = buildReceipt({
      ...input,
      recordedOffline: false,
      loans: [{ itemBarcode: '31234000000019', title: 'Moby-Dick', dueDate: '2026-12-23' }],
    });
    expect(receipt.loans).toEqual([
      { itemBarcode: '31234000000019', title: 'Moby-Dick', due: 'Wed 23 Dec 2026' },
    ]);
    expect(receipt.offlineNotice).toBeNull();
  });

  it('says "1 item" for one loan and shows no header lines when none are set', () => {
    const receipt = buildReceipt({ ...input, headerText: '', loans: input.loans.slice(0, 1) });
    expect(receipt.total).toBe('1 item');
    expect(receipt.headerLines).toEqual([]);
  });
});

describe('buildReceipt with markup in the data', () => {
  it('carries names and barcodes as plain text, never as markup (printReceipt sets textContent)', () => {
    const markup = '<img src=x onerror="alert(1)">';
    const receipt = buildReceipt({
      libraryName: `${markup}Library`,
      headerText: `<script>alert(2)</script>\n${markup}`,
      branchName: '<b>Main</b>',
      timeZone: 'UTC',
      printedAt: 0,
      patronBarcode: '<svg onload=alert(3)>',
      loans: [{ itemBarcode: '<i>31234</i>', dueDate: '2026-12-23' }],
      recordedOffline: true,
    });
    expect(receipt.libraryName).toBe(`${markup}Library`);
    expect(receipt.headerLines).toEqual(['<script>alert(2)</script>', markup]);
    expect(receipt.branchName).toBe('<b>Main</b>');
    expect(receipt.loans[0]?.itemBarcode).toBe('<i>31234</i>');
    // The masked card number gives away neither the card nor the markup.
    expect(receipt.patronBarcode).toBe(`${'•'.repeat(17)}(3)>`);
  });
});

describe('maskBarcode', () => {
  it('keeps only the last four characters readable', () => {
    expect(maskBarcode('21234000000011')).toBe('••••••••••0011');
    expect(maskBarcode('12345')).toBe('•2345');
  });

  it('hides a barcode that is too short to show any of it', () => {
    expect(maskBarcode('1234')).toBe('••••');
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildReceipt,
  buildReturnReceipt,
  maskBarcode,
  OFFLINE_RECEIPT_NOTICE,
  OFFLINE_RETURNS_NOTICE,
} from './receipt.ts';

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
      heading: null,
      headerLines: ['Thank you for visiting!', 'Open Mon–Sat 9–6'],
      branchName: 'Main Library',
      printedAt: 'Wed 2 Dec 2026, 10:05',
      patronBarcode: '••••••••••0011',
      lines: [
        { itemBarcode: '31234000000019', title: null, detail: 'Due Wed 23 Dec 2026' },
        { itemBarcode: '31234000000027', title: null, detail: 'Due Mon 4 Jan 2027' },
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
    expect(receipt.lines).toEqual([
      { itemBarcode: '31234000000019', title: 'Moby-Dick', detail: 'Due Wed 23 Dec 2026' },
    ]);
    expect(receipt.offlineNotice).toBeNull();
  });

  it('carries a heading when one is given, for receipts other than a plain loan', () => {
    expect(buildReceipt({ ...input, heading: 'Items renewed' }).heading).toBe('Items renewed');
  });

  it('says "1 item" for one loan and shows no header lines when none are set', () => {
    const receipt = buildReceipt({ ...input, headerText: '', loans: input.loans.slice(0, 1) });
    expect(receipt.total).toBe('1 item');
    expect(receipt.headerLines).toEqual([]);
  });
});

describe('buildReturnReceipt', () => {
  it('says "Items returned", names no card, and gives each item its day back in the one format', () => {
    const receipt = buildReturnReceipt({
      libraryName: 'Riverside Public Library',
      headerText: '',
      branchName: 'Main Library',
      timeZone: 'America/Chicago',
      printedAt: Date.UTC(2026, 11, 2, 16, 5),
      returns: [
        { itemBarcode: '31234000000019' },
        { itemBarcode: '31234000000027', returnedOn: '2026-11-28' },
      ],
    });
    expect(receipt).toEqual({
      libraryName: 'Riverside Public Library',
      heading: 'Items returned',
      headerLines: [],
      branchName: 'Main Library',
      printedAt: 'Wed 2 Dec 2026, 10:05',
      patronBarcode: null,
      lines: [
        { itemBarcode: '31234000000019', title: null, detail: 'Returned today' },
        { itemBarcode: '31234000000027', title: null, detail: 'Returned Sat 28 Nov 2026' },
      ],
      total: '2 items',
      offlineNotice: OFFLINE_RETURNS_NOTICE,
    });
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
    expect(receipt.lines[0]?.itemBarcode).toBe('<i>31234</i>');
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

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatOfflineFileError } from '../offlineFile/index.ts';
import { OfflineTransaction } from '../offline/transaction.ts';
import { readKocFile, type ReadKocFileOptions } from './index.ts';

const DAY_MS = 86_400_000;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function options(overrides: Partial<ReadKocFileOptions> = {}): ReadKocFileOptions {
  return {
    workstation: 'KOC-DESK1',
    branchCode: 'MAIN',
    staffUsername: 'super',
    timeZone: 'Europe/Berlin',
    dueFor: ({ checkedOutAt }) => ({ dueAt: checkedOutAt + 21 * DAY_MS, loanDays: 21 }),
    ...overrides,
  };
}

function read(input: string | Uint8Array, overrides: Partial<ReadKocFileOptions> = {}) {
  const result = readKocFile(input, options(overrides));
  if (!result.ok) throw new Error(result.errors.map(formatOfflineFileError).join('\n'));
  return result;
}

function errorsOf(input: string) {
  const result = readKocFile(input, options());
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors.map(formatOfflineFileError);
}

const HEADER = 'Version=1.0\tGenerator=test\tGeneratorVersion=1\n';

describe('readKocFile', () => {
  it('maps issues, returns and payments of the HH:MM:SS form, in branch time', () => {
    const { header, transactions } = read(fixture('colons.koc'));
    expect(header).toEqual({ version: '1.0', generator: 'kocPHP', generatorVersion: '0.7' });
    expect(transactions.map((t) => [t.sequence, t.type])).toEqual([
      [1, 'check_out'],
      [2, 'check_out'],
      [3, 'check_in'],
      [4, 'payment'],
      [5, 'check_in'],
    ]);
    // 09:15:11.547 in Berlin in March (UTC+1).
    const checkedOutAt = Date.parse('2026-03-02T08:15:11.547Z');
    expect(transactions[0]).toEqual({
      id: expect.any(String),
      sequence: 1,
      occurredAt: checkedOutAt,
      clockOffsetMs: 0,
      workstation: 'KOC-DESK1',
      branchCode: 'MAIN',
      staffUsername: 'super',
      type: 'check_out',
      patronBarcode: '23529001000463',
      itemBarcode: '31000000123456',
      dueAt: checkedOutAt + 21 * DAY_MS,
      dueDateBasis: { kind: 'rule', loanDays: 21 },
    });
    expect(transactions[2]).toMatchObject({ type: 'check_in', itemBarcode: '31000000999999' });
    expect(transactions[3]).toMatchObject({
      type: 'payment',
      patronBarcode: '23529001000463',
      amount: '1.05',
    });
    for (const t of transactions) expect(OfflineTransaction.parse(t)).toEqual(t);
  });

  it('reads the HH-MM-SS form with CRLF line endings, in summer time', () => {
    const { header, transactions } = read(fixture('dashes.koc'));
    expect(header.generator).toBe('kocDesktop');
    expect(transactions.map((t) => t.type)).toEqual([
      'check_out',
      'check_in',
      'payment',
      'check_out',
    ]);
    expect(transactions[0]?.occurredAt).toBe(Date.parse('2026-07-22T08:15:30.000Z'));
    expect(transactions[3]?.occurredAt).toBe(Date.parse('2026-07-22T08:18:01.250Z'));
  });

  it('reads times without milliseconds', () => {
    const { transactions } = read(`${HEADER}2026-07-22 10:15:30\treturn\t3100\n`);
    expect(transactions[0]?.occurredAt).toBe(Date.parse('2026-07-22T08:15:30.000Z'));
  });

  it('takes the time in the branch time zone it is given', () => {
    const file = `${HEADER}2026-07-22 10:15:30 000\treturn\t3100\n`;
    const inChicago = read(file, { timeZone: 'America/Chicago' }).transactions[0];
    expect(inChicago?.occurredAt).toBe(Date.parse('2026-07-22T15:15:30.000Z'));
  });

  it('moves a time in the skipped hour of spring forward', () => {
    const { transactions } = read(`${HEADER}2026-03-29 02:30:00 000\treturn\t3100\n`);
    expect(transactions[0]?.occurredAt).toBe(Date.parse('2026-03-29T01:30:00.000Z'));
  });

  it('asks for the due date of each issue with the patron, item and check-out time', () => {
    const dueFor = vi.fn<ReadKocFileOptions['dueFor']>(() => ({
      dueAt: 1_790_000_000_000,
      loanDays: 14,
    }));
    read(fixture('colons.koc'), { dueFor });
    expect(dueFor).toHaveBeenCalledTimes(2);
    expect(dueFor).toHaveBeenCalledWith({
      patronBarcode: '23529001000463',
      itemBarcode: '31000000654321',
      checkedOutAt: Date.parse('2026-03-02T08:15:12.368Z'),
    });
  });

  it('skips blank lines and the header of a second file joined on', () => {
    const file = `${HEADER}\n2026-07-22 10:15:30\treturn\tA\n\n${HEADER}2026-07-22 11:15:30\treturn\tB\n`;
    expect(
      read(file).transactions.map((t) => [t.sequence, t.type === 'check_in' && t.itemBarcode]),
    ).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
  });

  it('trims spaces a scanner adds around barcodes', () => {
    const { transactions } = read(`${HEADER}2026-07-22 10:15:30\tissue\t P1 \t I1 \n`);
    expect(transactions[0]).toMatchObject({ patronBarcode: 'P1', itemBarcode: 'I1' });
  });
});

const ids = (input: string | Uint8Array, overrides: Partial<ReadKocFileOptions> = {}) =>
  read(input, overrides).transactions.map((t) => t.id);

describe('.koc transaction ids', () => {
  it('are UUIDv7 ids ordered by time', () => {
    const list = ids(fixture('colons.koc'));
    expect(list.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/.test(id))).toBe(true);
    expect(list.toSorted()).toEqual(list);
  });

  it('are the same when the same file is read again, in another time zone or for another workstation', () => {
    const file = fixture('colons.koc');
    expect(ids(file)).toEqual(ids(file));
    expect(ids(file, { timeZone: 'Pacific/Auckland', workstation: 'KOC-2' })).toEqual(ids(file));
  });

  it('stay the same when the tool appends lines to the file', () => {
    const text = fixture('colons.koc').toString('utf8');
    const longer = `${text}2026-03-02 10:00:00 000\treturn\t31000000654321\n`;
    expect(ids(longer).slice(0, 5)).toEqual(ids(text));
  });

  it('do not depend on the time separator, line endings or spaces', () => {
    const a = `${HEADER}2026-07-22 10:15:30 000\tissue\tP1\tI1\n`;
    const b = `${HEADER}2026-07-22 10-15-30 000\tissue\tP1 \tI1\r\n`;
    expect(ids(a)).toEqual(ids(b));
  });

  it('differ for a line scanned twice, so both scans are kept', () => {
    const line = '2026-07-22 10:15:30\tissue\tP1\tI1\n';
    const [first, second] = ids(HEADER + line + line);
    expect(first).not.toBe(second);
  });
});

describe('readKocFile rejects the whole file', () => {
  it('when it is not a .koc file or not version 1.0', () => {
    expect(errorsOf('')).toEqual(['The file is empty. Choose the file again and upload it.']);
    expect(errorsOf('{"format":"circa-offline"}\n')[0]).toMatch(/^line 1: not a Koha \.koc file/);
    expect(errorsOf('Version=2.0\tGenerator=x\n')[0]).toMatch(
      /^line 1, field Version: \.koc version 2\.0 is not supported; Circa reads version 1\.0/,
    );
  });

  it('naming the line and column of each problem', () => {
    const file = [
      HEADER.trimEnd(),
      '2026-02-30 10:15:30 000\treturn\tI1',
      '2026-07-22 10:15:30 000\tissue\tP1',
      '2026-07-22 10:15:30 000\trenew\tP1\tI1',
      '2026-07-22 10:15:30 000\tpayment\tP1\tfive',
      '2026-07-22 10:15:30 000\treturn\tI1\textra',
      `2026-07-22 10:15:30 000\treturn\t${'9'.repeat(65)}`,
      '2026-07-22 10:15:30 000 return I1',
    ].join('\n');
    expect(errorsOf(file)).toEqual([
      'line 2, field date: "2026-02-30 10:15:30 000" is not a date and time like 2026-07-22 10:15:30 547; the file is damaged.',
      'line 3, field barcode: required',
      'line 4, field action: "renew" is not an action Circa knows; it must be issue, return or payment.',
      'line 5, field amount: must be an amount such as 2.50',
      'line 6: has 4 tab-separated columns; a return line has 3 (date, return, barcode).',
      'line 7, field barcode: must be at most 64 characters',
      'line 8, field date: "2026-07-22 10:15:30 000 return I1" is not a date and time like 2026-07-22 10:15:30 547; the file is damaged.',
      'line 8, field action: required (issue, return or payment); is the line separated by tabs?',
    ]);
  });

  it('never throws on a damaged file, and points every error at a line', () => {
    const bytes = fixture('dashes.koc');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.nat(255), fc.boolean(), (at, byte, cut) => {
        const damaged = cut ? bytes.subarray(0, at) : Uint8Array.from(bytes);
        if (!cut) damaged[at] = byte;
        const result = readKocFile(damaged, options());
        const located = result.ok
          ? []
          : result.errors.filter((e) => e.code === 'EMPTY_FILE' || (e.line ?? 0) >= 1);
        expect(located).toHaveLength(result.ok ? 0 : result.errors.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readKocFile options', () => {
  it('refuses an unknown time zone or an empty workstation', () => {
    expect(() => readKocFile(HEADER, options({ timeZone: 'Mars/Olympus' }))).toThrow(RangeError);
    expect(() => readKocFile(HEADER, options({ workstation: '' }))).toThrow(/workstation/);
  });
});

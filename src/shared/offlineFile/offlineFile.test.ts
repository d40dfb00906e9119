import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfflineTransaction } from '../offline/transaction.ts';
import { arbitraryWorkstationTransactions } from './arbitraries.testing.ts';
import {
  detectOfflineFileKind,
  formatOfflineFileError,
  MAX_LINE_CHARS,
  MAX_REPORTED_ERRORS,
  MAX_TRANSACTIONS_PER_FILE,
  OfflineFileWriteError,
  readOfflineFile,
  writeOfflineFile,
  type OfflineFileError,
} from './index.ts';

const WORKSTATION = 'DESK-2';

function buildCheckOut(overrides: Partial<OfflineTransaction> = {}): OfflineTransaction {
  const sequence = overrides.sequence ?? 1;
  return {
    id: `0192f3a0-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    sequence,
    occurredAt: 1_780_000_000_000 + sequence * 60_000,
    clockOffsetMs: -1_500,
    workstation: WORKSTATION,
    branchCode: 'MAIN',
    staffUsername: 'desk',
    type: 'check_out',
    patronBarcode: 'P0001',
    itemBarcode: `I${sequence}`,
    dueAt: 1_781_000_000_000,
    dueDateBasis: { kind: 'rule', loanDays: 21 },
    ...overrides,
  } as OfflineTransaction;
}

function fileWith(transactions: OfflineTransaction[]): string {
  return writeOfflineFile({
    workstation: WORKSTATION,
    branchCode: 'MAIN',
    exportedAt: 1_780_100_000_000,
    transactions,
  });
}

function errorsOf(input: string | Uint8Array): OfflineFileError[] {
  const result = readOfflineFile(input);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

/** Replaces line `n` (1-based) of a file. */
function withLine(text: string, n: number, line: string): string {
  const lines = text.split('\n');
  lines[n - 1] = line;
  return lines.join('\n');
}

describe('writeOfflineFile', () => {
  it('writes a header line, then the transactions in sequence order, then a newline', () => {
    const text = fileWith([buildCheckOut({ sequence: 3 }), buildCheckOut({ sequence: 2 })]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      format: 'circa-offline',
      version: 2,
      workstation: WORKSTATION,
      branchCode: 'MAIN',
      exportedAt: 1_780_100_000_000,
      firstSequence: 2,
      lastSequence: 3,
      count: 2,
    });
    expect(lines.slice(1, 3).map((l) => JSON.parse(l).sequence)).toEqual([2, 3]);
  });

  it('writes an empty backup with no sequence range', () => {
    const result = readOfflineFile(fileWith([]));
    expect(result).toMatchObject({
      ok: true,
      header: { count: 0, firstSequence: null, lastSequence: null },
      transactions: [],
    });
  });

  it('leaves out fields the outbox keeps beside a transaction', () => {
    const stored: OfflineTransaction & { sentAt: number } = { ...buildCheckOut(), sentAt: 5 };
    const line = fileWith([stored]).split('\n')[1] ?? '';
    expect(JSON.parse(line)).not.toHaveProperty('sentAt');
  });

  it('refuses transactions of another workstation, naming the line', () => {
    expect(() => fileWith([buildCheckOut({ workstation: 'DESK-9' })])).toThrow(
      OfflineFileWriteError,
    );
    expect(() => fileWith([buildCheckOut({ workstation: 'DESK-9' })])).toThrow(
      /line 2, field workstation/,
    );
  });

  it('saves barcodes with any characters, even ones that look like a wrong encoding', () => {
    const odd = buildCheckOut({ patronBarcode: '\uFFFD\u0000"\\\n', itemBarcode: '\uD800x' });
    const text = fileWith([odd]);
    expect(text).not.toContain('\uFFFD');
    expect(readOfflineFile(text)).toMatchObject({ ok: true, transactions: [odd] });
  });

  it('records the app version when given', () => {
    const text = writeOfflineFile({
      workstation: WORKSTATION,
      branchCode: 'MAIN',
      exportedAt: 0,
      transactions: [],
      appVersion: '0.1.0',
    });
    expect(JSON.parse(text.split('\n')[0] ?? '')).toMatchObject({ appVersion: '0.1.0' });
  });
});

describe('readOfflineFile accepts', () => {
  const valid = fileWith([buildCheckOut({ sequence: 1 }), buildCheckOut({ sequence: 2 })]);

  it('a byte order mark, CRLF line endings and blank lines at the end', () => {
    const variant = '\uFEFF' + valid.replaceAll('\n', '\r\n') + '\r\n  \n';
    const result = readOfflineFile(variant);
    expect(result.ok && result.transactions.map((t) => t.sequence)).toEqual([1, 2]);
  });

  it('the raw bytes of a UTF-8 file with a byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFF' + valid);
    expect(readOfflineFile(bytes).ok).toBe(true);
  });

  it('transactions in any order', () => {
    const lines = valid.split('\n');
    const swapped = [lines[0], lines[2], lines[1], ''].join('\n');
    expect(readOfflineFile(swapped).ok).toBe(true);
  });
});

describe('readOfflineFile rejects the whole file', () => {
  const valid = fileWith([
    buildCheckOut({ sequence: 1 }),
    buildCheckOut({ sequence: 2 }),
    buildCheckOut({ sequence: 3 }),
  ]);

  it('when it is empty', () => {
    expect(errorsOf('')).toMatchObject([{ code: 'EMPTY_FILE', line: null }]);
    expect(errorsOf('\uFEFF\n\n')).toMatchObject([{ code: 'EMPTY_FILE' }]);
  });

  it('when it is not UTF-8 text, naming the line', () => {
    const bytes = new TextEncoder().encode(valid);
    const damaged = bytes.slice();
    damaged[valid.indexOf('\n', valid.indexOf('\n') + 1) + 5] = 0xff;
    expect(errorsOf(damaged)).toMatchObject([{ code: 'NOT_TEXT', line: 3 }]);
    expect(errorsOf(withLine(valid, 2, '\u0000\u0001'))).toMatchObject([
      { code: 'NOT_TEXT', line: 2 },
    ]);
  });

  it('with a blank line between transactions', () => {
    const text = withLine(valid, 2, '') + '\n';
    expect(errorsOf(text)).toContainEqual(expect.objectContaining({ code: 'BLANK_LINE', line: 2 }));
  });

  it('with a bad header, still checking every transaction line', () => {
    const header = JSON.parse(valid.split('\n')[0] ?? '');
    delete header.workstation;
    const text = withLine(withLine(valid, 1, JSON.stringify(header)), 3, '{');
    expect(errorsOf(text).map(formatOfflineFileError)).toEqual([
      'line 1, field workstation: required',
      'line 3: not valid JSON; the file is damaged. Export it again from the offline client.',
    ]);
  });

  it('with a workstation or barcode that hides characters, naming line and field', () => {
    const header = JSON.parse(valid.split('\n')[0] ?? '');
    const reversed = withLine(
      valid,
      1,
      JSON.stringify({ ...header, workstation: '\u202eKSED-NIAM' }),
    );
    expect(errorsOf(reversed).map(formatOfflineFileError)[0]).toMatch(
      /^line 1, field workstation: Use letters, digits/,
    );
    const transaction = JSON.parse(valid.split('\n')[2] ?? '');
    const hidden = withLine(valid, 3, JSON.stringify({ ...transaction, itemBarcode: 'I\u200b2' }));
    expect(errorsOf(hidden).map(formatOfflineFileError)).toEqual([
      expect.stringMatching(
        /^line 3, field itemBarcode: holds an invisible or direction-changing character \(U\+200B\).*scan the barcode again/,
      ),
    ]);
  });

  it('with a line that is not JSON', () => {
    expect(errorsOf(withLine(valid, 3, '{"type":"check_out",'))).toMatchObject([
      { code: 'MALFORMED_LINE', line: 3, field: null },
    ]);
  });

  it('with a missing field, in plain words', () => {
    const line = JSON.parse(valid.split('\n')[2] ?? '');
    delete line.itemBarcode;
    const errors = errorsOf(withLine(valid, 3, JSON.stringify(line)));
    expect(errors.map(formatOfflineFileError)).toContain('line 3, field itemBarcode: required');
  });

  it('with wrong types, huge numbers and unknown kinds, one error per field', () => {
    const line = JSON.parse(valid.split('\n')[2] ?? '');
    const text = withLine(
      valid,
      3,
      JSON.stringify({ ...line, patronBarcode: 42, dueDateBasis: { kind: 'forever' } }).replace(
        /"dueAt":\d+/,
        '"dueAt":1e400',
      ),
    );
    expect(errorsOf(text).map(formatOfflineFileError)).toEqual([
      'line 3, field patronBarcode: must be text',
      'line 3, field dueAt: the number is too large',
      'line 3, field dueDateBasis.kind: must be one of: rule, special_loan, special_patron, special_all',
    ]);
  });

  it('with an unknown transaction type', () => {
    const text = withLine(valid, 2, '{"type":"reservation"}');
    expect(errorsOf(text)).toMatchObject([
      {
        line: 2,
        field: 'type',
        message:
          'must be one of: check_out, check_in, renewal, in_house_use, registration, payment',
      },
    ]);
  });

  it('with fields this version does not know, __proto__ included, without harm', () => {
    const line = (valid.split('\n')[2] ?? '').replace(
      /^\{/,
      '{"__proto__":{"polluted":true},"colour":"red",',
    );
    const errors = errorsOf(withLine(valid, 3, line));
    expect(errors.map((e) => e.field)).toEqual(['__proto__', 'colour']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('with deeply nested JSON', () => {
    const depth = (MAX_LINE_CHARS - 600) / 2;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const line = (valid.split('\n')[2] ?? '').replace(
      /"itemBarcode":"[^"]*"/,
      `"itemBarcode":${deep}`,
    );
    expect(errorsOf(withLine(valid, 3, line))).toMatchObject([
      { line: 3, field: 'itemBarcode', message: 'must be text' },
    ]);
  });

  it('with a line over the length limit', () => {
    const long = JSON.stringify({ padding: 'x'.repeat(MAX_LINE_CHARS) });
    expect(errorsOf(withLine(valid, 2, long))).toMatchObject([{ code: 'LINE_TOO_LONG', line: 2 }]);
  });

  it('with more transactions than one file may hold', () => {
    const text = valid.split('\n')[0] + '\n' + '{}\n'.repeat(MAX_TRANSACTIONS_PER_FILE + 1);
    expect(errorsOf(text)).toMatchObject([{ code: 'TOO_MANY_TRANSACTIONS', line: null }]);
  });

  it('when it is not a Circa offline file, with a hint for Koha files', () => {
    expect(errorsOf('hello\nworld')).toMatchObject([{ code: 'UNKNOWN_FORMAT', line: 1 }]);
    const [koc] = errorsOf('Version=1.0\tGenerator=kocDesktop\tGeneratorVersion=2.0\n');
    expect(koc?.message).toMatch(/Koha \.koc file/);
    expect(errorsOf(withLine(valid, 1, '{"format":"other"}'))).toMatchObject([
      { code: 'UNKNOWN_FORMAT', field: 'format' },
    ]);
  });

  it('when its version is not supported, saying which are', () => {
    const header = (valid.split('\n')[0] ?? '').replace('"version":2', '"version":3');
    expect(errorsOf(withLine(valid, 1, header))).toMatchObject([
      {
        code: 'UNSUPPORTED_VERSION',
        line: 1,
        field: 'version',
        message: expect.stringMatching(
          /version 3 is not supported; this server reads version 1, 2/,
        ),
      },
    ]);
  });

  it('when the header disagrees with the lines', () => {
    const dropped = valid
      .split('\n')
      .filter((_, i) => i !== 3)
      .join('\n');
    expect(errorsOf(dropped)).toMatchObject([
      { code: 'HEADER_MISMATCH', line: 1, field: 'count' },
      { code: 'HEADER_MISMATCH', line: 1, field: 'lastSequence' },
    ]);
    const header = (valid.split('\n')[0] ?? '').replace('"firstSequence":1', '"firstSequence":2');
    expect(errorsOf(withLine(valid, 1, header))).toMatchObject([
      { code: 'HEADER_MISMATCH', field: 'firstSequence' },
    ]);
  });

  it('with a transaction of another workstation', () => {
    const line = (valid.split('\n')[2] ?? '').replace('"DESK-2"', '"DESK-3"');
    expect(errorsOf(withLine(valid, 3, line))).toMatchObject([
      { code: 'WRONG_WORKSTATION', line: 3, field: 'workstation' },
    ]);
  });

  it('with the same transaction twice', () => {
    const lines = valid.split('\n');
    const text = withLine(valid, 4, lines[1] ?? '');
    expect(errorsOf(text)).toContainEqual(
      expect.objectContaining({ code: 'DUPLICATE_ID', line: 4 }),
    );
  });

  it('with two different transactions sharing a sequence number', () => {
    const line = (valid.split('\n')[3] ?? '').replace('"sequence":3', '"sequence":2');
    expect(errorsOf(withLine(valid, 4, line))).toContainEqual(
      expect.objectContaining({
        code: 'DUPLICATE_SEQUENCE',
        line: 4,
        message: expect.stringContaining('line 3'),
      }),
    );
  });

  it(`listing at most ${MAX_REPORTED_ERRORS} errors`, () => {
    const header = JSON.stringify({
      format: 'circa-offline',
      version: 1,
      workstation: WORKSTATION,
      branchCode: 'MAIN',
      exportedAt: 0,
      firstSequence: 1,
      lastSequence: 80,
      count: 80,
    });
    const result = readOfflineFile(header + '\n' + 'nonsense\n'.repeat(80));
    expect(result).toMatchObject({ ok: false, truncated: true });
    expect(!result.ok && result.errors).toHaveLength(MAX_REPORTED_ERRORS);
  });
});

/** One transaction of each type and new field version 2 brought, sequences 1–6. */
const VERSION_2_TRANSACTIONS: OfflineTransaction[] = [
  buildCheckOut({ sequence: 1, lentAnyway: { reason: 'blocked', listMadeAt: 1_779_990_000_000 } }),
  buildCheckOut({
    sequence: 2,
    type: 'check_in',
    itemBarcode: 'I1',
    returnedOn: '2026-05-30',
    patronBarcode: undefined,
    dueAt: undefined,
    dueDateBasis: undefined,
  } as Partial<OfflineTransaction>),
  {
    ...buildCheckOut({ sequence: 3 }),
    type: 'renewal',
    patronBarcode: 'P0001',
    itemBarcode: 'I7',
    dueAt: 1_782_000_000_000,
    dueDateBasis: { kind: 'rule', loanDays: 21 },
  },
  {
    id: '0192f3a0-0000-7000-8000-000000000004',
    sequence: 4,
    occurredAt: 1_780_000_240_000,
    clockOffsetMs: -1_500,
    workstation: WORKSTATION,
    branchCode: 'MAIN',
    staffUsername: 'desk',
    type: 'in_house_use',
    itemBarcode: 'I9',
    count: 12,
  },
  {
    id: '0192f3a0-0000-7000-8000-000000000005',
    sequence: 5,
    occurredAt: 1_780_000_300_000,
    clockOffsetMs: -1_500,
    workstation: WORKSTATION,
    branchCode: 'MAIN',
    staffUsername: 'desk',
    type: 'registration',
    patronBarcode: 'P0100',
    name: 'Mary Somerville',
    patronTypeCode: 'ADULT',
    email: 'mary@example.org',
  },
  buildCheckOut({ sequence: 6, patronBarcode: 'P0100' }),
].map((t) => JSON.parse(JSON.stringify(t)) as OfflineTransaction);

/** The same transactions' file, its header claiming version 1. */
const asVersion1 = (text: string) => text.replace('"version":2', '"version":1');

describe('offline file versions', () => {
  it('writes version 2 with every type and field, and reads it back', () => {
    const text = fileWith(VERSION_2_TRANSACTIONS);
    expect(JSON.parse(text.split('\n')[0] ?? '')).toMatchObject({ version: 2, count: 6 });
    expect(readOfflineFile(text)).toMatchObject({
      ok: true,
      transactions: VERSION_2_TRANSACTIONS,
    });
  });

  it('still reads a version-1 file of check-outs, check-ins and payments', () => {
    const payment: OfflineTransaction = {
      id: '0192f3a0-0000-7000-8000-000000000012',
      sequence: 2,
      occurredAt: 1_780_000_120_000,
      clockOffsetMs: 0,
      workstation: WORKSTATION,
      branchCode: 'MAIN',
      staffUsername: 'desk',
      type: 'payment',
      patronBarcode: 'P0001',
      amount: '1.50',
    };
    const { returnedOn: _backdate, ...checkIn } = {
      ...(VERSION_2_TRANSACTIONS[1] as OfflineTransaction & { returnedOn?: string }),
      sequence: 3,
      id: '0192f3a0-0000-7000-8000-000000000013',
    };
    const version1 = [buildCheckOut({ sequence: 1 }), payment, checkIn as OfflineTransaction];
    const text = asVersion1(fileWith(version1));
    expect(readOfflineFile(text)).toMatchObject({
      ok: true,
      header: { version: 1 },
      transactions: version1,
    });
  });

  it('refuses every version-2 type and field in a version-1 file, naming line and field', () => {
    expect(errorsOf(asVersion1(fileWith(VERSION_2_TRANSACTIONS)))).toEqual([
      expect.objectContaining({ code: 'NOT_IN_VERSION', line: 2, field: 'lentAnyway' }),
      expect.objectContaining({ code: 'NOT_IN_VERSION', line: 3, field: 'returnedOn' }),
      expect.objectContaining({ code: 'NOT_IN_VERSION', line: 4, field: 'type' }),
      expect.objectContaining({ code: 'NOT_IN_VERSION', line: 5, field: 'type' }),
      expect.objectContaining({ code: 'NOT_IN_VERSION', line: 6, field: 'type' }),
    ]);
    const [renewal] = errorsOf(asVersion1(fileWith([VERSION_2_TRANSACTIONS[2]!])));
    expect(renewal && formatOfflineFileError(renewal)).toBe(
      'line 2, field type: a renewal is a version-2 transaction, but the file says version 1 on line 1, which did not have it. Export the file again from the offline client (it writes version 2).',
    );
  });
});

describe('detectOfflineFileKind', () => {
  it('tells circa-offline files from .koc files', () => {
    expect(detectOfflineFileKind(fileWith([]))).toBe('circa-offline');
    expect(detectOfflineFileKind('\uFEFFVersion=1.0\tGenerator=kolt')).toBe('koc');
    expect(detectOfflineFileKind(new TextEncoder().encode('Version=1.0'))).toBe('koc');
    expect(detectOfflineFileKind('date,barcode')).toBe('unknown');
  });
});

const sortedBySequence = (list: OfflineTransaction[]) =>
  list.toSorted((a, b) => a.sequence - b.sequence);

describe('offline file properties', () => {
  it('reads back exactly what it wrote, of every type', () => {
    fc.assert(
      fc.property(arbitraryWorkstationTransactions(WORKSTATION, 30, 2), (transactions) => {
        expect(readOfflineFile(fileWith(transactions))).toEqual({
          ok: true,
          header: expect.objectContaining({ count: transactions.length }),
          transactions: sortedBySequence(transactions),
        });
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a damaged file, and points every error at a line', () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.nat(255) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(
        arbitraryWorkstationTransactions(WORKSTATION, 8),
        damage,
        (transactions, change) => {
          const bytes = new TextEncoder().encode(fileWith(transactions));
          const at = change.at % bytes.length;
          let damaged: Uint8Array;
          if (change.kind === 'replace') {
            damaged = bytes.slice();
            damaged[at] = change.byte;
          } else {
            damaged = bytes.slice(0, at);
          }
          const lineCount = new TextDecoder().decode(damaged).split('\n').length;
          const result = readOfflineFile(damaged);
          if (result.ok) return;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            if (error.code === 'EMPTY_FILE') continue;
            expect(error.line).toBeGreaterThanOrEqual(1);
            expect(error.line).toBeLessThanOrEqual(lineCount);
            expect(error.message).not.toBe('');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

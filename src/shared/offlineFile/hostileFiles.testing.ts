// fast-check generators of hostile offline files: sound files (circa-offline or .koc) damaged the
// ways real files and attackers damage them. Shared by the reader fuzz tests and the upload
// endpoint fuzz tests, so both face the same inputs.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { OfflineTransaction } from '../offline/transaction.ts';
import { arbitraryWorkstationTransactions } from './arbitraries.testing.ts';
import { formatOfflineFileError } from './errors.ts';
import { MAX_REPORTED_ERRORS, OfflineFileErrorCode, type ReadResult } from './format.ts';
import { StrictOfflineTransaction } from './transactions.ts';
import { writeOfflineFile } from './write.ts';

type AnyReadResult = ReadResult<unknown, OfflineTransaction>;

const encoder = new TextEncoder();

/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong slash, a surrogate… */
export const INVALID_UTF8_SEQUENCES: readonly (readonly number[])[] = [
  [0x80],
  [0xff],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
];

/**
 * JSON values that must never be taken for a field: wrong types, numbers past every limit, deep
 * nesting, markup and strings longer than a line may be.
 */
export const HOSTILE_JSON_VALUES: readonly string[] = [
  'null',
  'true',
  '[]',
  '{}',
  '"12"',
  '-1',
  '0.5',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '9007199254740993',
  '"\\u0000\\u0007\\u001b[31m"',
  '"\\ud800"',
  '"<img src=x onerror=alert(1)>"',
  '"=HYPERLINK(\\"http://evil.example\\")"',
  `"${'x'.repeat(5_000)}"`,
  `${'['.repeat(1_500)}${']'.repeat(1_500)}`,
  `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`,
  '{"__proto__":{"polluted":true}}',
];

/** Things written over a line: fragments, foreign formats and markup. */
const HOSTILE_LINES: readonly string[] = [
  '',
  '   ',
  '{',
  '}',
  '[]',
  'null',
  '{"format":"circa-offline","version":2}',
  '{"format":"circa-offline","version":"1"}',
  'Version=1.0\tGenerator=x',
  'Version=9.9',
  '<script>alert(1)</script>',
  '2026-07-22 10:15:30 000\tissue\t\u0001P1\tI1',
  `${'['.repeat(2_000)}${']'.repeat(2_000)}`,
  'z'.repeat(5_000),
];

/** One way to damage a file's bytes; positions are taken modulo the length when applied. */
export type Damage =
  | { kind: 'replaceByte'; at: number; byte: number }
  | { kind: 'insertBytes'; at: number; bytes: number[] }
  | { kind: 'deleteRange'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'invalidUtf8'; at: number; sequence: number }
  | { kind: 'replaceLine'; line: number; text: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'replaceJsonValue'; line: number; occurrence: number; value: number }
  | { kind: 'controlCharacterInString'; line: number; occurrence: number; char: number }
  | { kind: 'byteOrderMark' }
  | { kind: 'crlf' }
  | { kind: 'bumpVersion'; version: number }
  | { kind: 'claimVersion1' };

export const arbitraryDamage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('replaceByte' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({
    kind: fc.constant('insertBytes' as const),
    at: fc.nat(),
    bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('deleteRange' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('invalidUtf8' as const),
    at: fc.nat(),
    sequence: fc.nat(INVALID_UTF8_SEQUENCES.length - 1),
  }),
  fc.record({
    kind: fc.constant('replaceLine' as const),
    line: fc.nat(),
    text: fc.nat(HOSTILE_LINES.length - 1),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('replaceJsonValue' as const),
    line: fc.nat(),
    occurrence: fc.nat(),
    value: fc.nat(HOSTILE_JSON_VALUES.length - 1),
  }),
  fc.record({
    kind: fc.constant('controlCharacterInString' as const),
    line: fc.nat(),
    occurrence: fc.nat(),
    char: fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constantFrom(0x7f, 0x85, 0x2028)),
  }),
  fc.constant({ kind: 'byteOrderMark' as const }),
  fc.constant({ kind: 'crlf' as const }),
  fc.record({ kind: fc.constant('bumpVersion' as const), version: fc.integer({ min: 3, max: 9 }) }),
  // A version-2 file passed off as version 1: its renewals, registrations, "Lend anyway" and
  // "Returned on" must be refused, not read with a meaning version 1 did not have.
  fc.constant({ kind: 'claimVersion1' as const }),
);

/** Applies damage to a file; the result may still be a sound file (a harmless change). */
export function applyDamage(file: Uint8Array, damage: Damage): Uint8Array {
  const length = Math.max(file.length, 1);
  switch (damage.kind) {
    case 'replaceByte': {
      const out = file.slice();
      if (out.length > 0) out[damage.at % length] = damage.byte;
      return out;
    }
    case 'insertBytes':
      return splice(file, damage.at % length, 0, damage.bytes);
    case 'deleteRange':
      return splice(file, damage.at % length, damage.length, []);
    case 'truncate':
      return file.slice(0, damage.at % length);
    case 'invalidUtf8':
      return splice(file, damage.at % length, 0, [
        ...(INVALID_UTF8_SEQUENCES[damage.sequence] ?? []),
      ]);
    case 'byteOrderMark':
      return concat([0xef, 0xbb, 0xbf], file);
    case 'crlf':
      return encoder.encode(decodeLossy(file).replaceAll('\n', '\r\n'));
    default:
      return encoder.encode(damageText(decodeLossy(file), damage));
  }
}

function damageText(text: string, damage: Damage): string {
  const lines = text.split('\n');
  const pick = (n: number) => n % Math.max(lines.length, 1);
  switch (damage.kind) {
    case 'replaceLine':
      lines[pick(damage.line)] = HOSTILE_LINES[damage.text] ?? '';
      break;
    case 'duplicateLine': {
      const at = pick(damage.line);
      lines.splice(at, 0, lines[at] ?? '');
      break;
    }
    case 'swapLines': {
      const a = pick(damage.a);
      const b = pick(damage.b);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      break;
    }
    case 'replaceJsonValue': {
      const at = pick(damage.line);
      // A value after a key: "key":<value>, up to the next comma or brace at the same level is
      // too much to find reliably; scalars (strings, numbers, literals) are what is replaced.
      const scalars = [
        ...(lines[at] ?? '').matchAll(/":("(?:[^"\\]|\\.)*"|[-\d.eE+]+|true|false|null)/g),
      ];
      const match = scalars[damage.occurrence % Math.max(scalars.length, 1)];
      if (match?.index !== undefined) {
        const start = match.index + 2;
        const line = lines[at] ?? '';
        lines[at] =
          line.slice(0, start) +
          (HOSTILE_JSON_VALUES[damage.value] ?? 'null') +
          line.slice(start + (match[1]?.length ?? 0));
      }
      break;
    }
    case 'controlCharacterInString': {
      const at = pick(damage.line);
      const line = lines[at] ?? '';
      const quotes = [...line.matchAll(/"/g)];
      const quote = quotes[damage.occurrence % Math.max(quotes.length, 1)];
      if (quote?.index !== undefined) {
        const char = String.fromCharCode(damage.char);
        lines[at] = line.slice(0, quote.index + 1) + char + line.slice(quote.index + 1);
      }
      break;
    }
    case 'bumpVersion':
      lines[0] = (lines[0] ?? '')
        .replace('"version":2', `"version":${damage.version}`)
        .replace('Version=1.0', `Version=${damage.version}.0`);
      break;
    case 'claimVersion1':
      lines[0] = (lines[0] ?? '').replace('"version":2', '"version":1');
      break;
  }
  return lines.join('\n');
}

function splice(file: Uint8Array, at: number, remove: number, insert: number[]): Uint8Array {
  const bytes = [...file];
  bytes.splice(at, remove, ...insert);
  return Uint8Array.from(bytes);
}

function concat(prefix: number[], file: Uint8Array): Uint8Array {
  return Uint8Array.from([...prefix, ...file]);
}

function decodeLossy(file: Uint8Array): string {
  return new TextDecoder('utf-8').decode(file);
}

/** A sound circa-offline file (version 2, every type) of one workstation, as the client saves it. */
export function arbitraryOfflineFile(
  workstation: string,
  options: { maxTransactions?: number; branchCode?: string } = {},
): fc.Arbitrary<Uint8Array> {
  return arbitraryWorkstationTransactions(workstation, options.maxTransactions ?? 8, 2).map(
    (transactions) =>
      encoder.encode(
        writeOfflineFile({
          workstation,
          branchCode: options.branchCode ?? 'MAIN',
          exportedAt: 1_780_100_000_000,
          transactions,
        }),
      ),
  );
}

/** Barcodes as scanners and attackers produce them: digits, markup, control characters. */
const kocBarcode = fc.oneof(
  fc.stringMatching(/^[0-9]{6,14}$/),
  fc.constantFrom('<script>alert(1)</script>', '=cmd|"/c calc"!A1', 'P\u0001\u0007', '-2+3'),
  fc.string({ minLength: 1, maxLength: 20 }),
);

/** A sound Koha .koc file (version 1.0) with issue, return and payment lines. */
export const arbitraryKocFile: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.record({
      at: fc.date({
        min: new Date('2020-01-01'),
        max: new Date('2030-12-31'),
        noInvalidDate: true,
      }),
      separator: fc.constantFrom(':', '-'),
      line: fc.oneof(
        fc.tuple(fc.constant('issue'), kocBarcode, kocBarcode),
        fc.tuple(fc.constant('return'), kocBarcode),
        fc.tuple(fc.constant('payment'), kocBarcode, fc.constantFrom('1.05', '2', '0.50')),
      ),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((lines) => {
    const body = lines.map(({ at, separator, line }) => {
      const iso = at.toISOString();
      const time = iso.slice(11, 19).replaceAll(':', separator);
      return [`${iso.slice(0, 10)} ${time} ${iso.slice(20, 23)}`, ...line].join('\t');
    });
    return encoder.encode(
      ['Version=1.0\tGenerator=fuzz\tGeneratorVersion=1', ...body, ''].join('\n'),
    );
  });

/** Generated files per property: thousands, in a second or two each. */
export const READER_FUZZ_RUNS = 2_000;
/**
 * Room for a property on a busy machine: npm test runs these beside the type check and lint, where
 * one that takes 1.6 s alone took 9.9 s. A hang detector only; the assertions judge.
 */
export const READER_FUZZ_TIMEOUT_MS = 120_000;
/** Problems that concern the whole file rather than a line. */
const WHOLE_FILE_CODES = new Set(['EMPTY_FILE', 'TOO_MANY_TRANSACTIONS']);
/** A message quotes at most a snippet of what it refuses, never a whole hostile line. */
const MAX_MESSAGE_CHARS = 600;

/** The checks every reader answer to any input must pass: sound transactions, or located errors. */
export function expectSoundAnswer(input: Uint8Array, result: AnyReadResult): void {
  const lineCount = new TextDecoder().decode(input).split('\n').length;
  if (result.ok) {
    const { transactions } = result;
    for (const t of transactions) expect(StrictOfflineTransaction.safeParse(t).success).toBe(true);
    return;
  }
  const { errors } = result;
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.length).toBeLessThanOrEqual(MAX_REPORTED_ERRORS);
  for (const error of errors) {
    expect(OfflineFileErrorCode.safeParse(error.code).success).toBe(true);
    expect(error.message.trim()).not.toBe('');
    expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    if (WHOLE_FILE_CODES.has(error.code)) continue;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lineCount);
    expect(formatOfflineFileError(error)).toMatch(/^line \d+/);
  }
}

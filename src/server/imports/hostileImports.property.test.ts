// Fuzzing the import readers with damaged files, fed in chunks of random sizes as a disk or network
// would: they never throw anything but an ImportFileError naming a line or record, never hang, and
// every refusal they pass on names a line or record that exists in the file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import {
  iso2709File,
  kohaBook,
  marcxmlFile,
  type TestMarcField,
} from '../../shared/imports/marcFiles.testing.ts';
import { applyDamage, arbitraryDamage } from '../../shared/offlineFile/hostileFiles.testing.ts';
import type { ImportKind } from '../../shared/api/imports.ts';
import { entriesFromBytes, type ImportEntry } from './importEntries.ts';
import { ImportFileError } from './importFileError.ts';
import { DEFAULT_IMPORT_OPTIONS } from './importJobs.ts';

const RUNS = 400;
/** A hang detector only (see READER_FUZZ_TIMEOUT_MS): the assertions judge. */
const TIMEOUT_MS = 120_000;

async function* inChunks(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i += 1) {
    const size = sizes.length === 0 ? bytes.length : Math.max(1, sizes[i % sizes.length]!);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

type Outcome = { entries: ImportEntry[] } | { error: ImportFileError };

async function readAll(kind: ImportKind, bytes: Uint8Array, sizes: number[]): Promise<Outcome> {
  const entries: ImportEntry[] = [];
  try {
    for await (const entry of entriesFromBytes(
      kind,
      DEFAULT_IMPORT_OPTIONS,
      inChunks(bytes, sizes),
    )) {
      entries.push(entry);
    }
    return { entries };
  } catch (error) {
    // Anything else (a TypeError from a reader, a RangeError) fails the property here.
    if (error instanceof ImportFileError) return { error };
    throw error;
  }
}

/** Lines in the file (CSV), or an upper bound on records (MARC): one per terminator, plus one. */
function positions(kind: ImportKind, bytes: Uint8Array): number {
  // CSV: a lone carriage return ends a line too (old Mac files), as csv-parse counts them.
  const marks = kind === 'items-marc' ? [0x1d] : kind === 'items-marcxml' ? [0x3c] : [0x0a, 0x0d];
  let count = 1;
  for (const byte of bytes) if (marks.includes(byte)) count += 1;
  return count;
}

function expectSound(kind: ImportKind, bytes: Uint8Array, outcome: Outcome): void {
  const limit = positions(kind, bytes);
  const answers =
    'error' in outcome
      ? outcome.error.problems.map((p) => ({ number: p.line, reason: p.reason }))
      : outcome.entries.map((e) => ({ number: e.line, reason: e.refusal?.reason ?? 'a row' }));
  expect(answers.filter((a) => a.reason.trim() === '')).toEqual([]);
  expect(answers.filter((a) => a.number < 1 || a.number > limit)).toEqual([]);
}

/** What a reading came to, whatever the format: the rows and refusals, or the file's problem. */
const summary = (outcome: Outcome) =>
  'error' in outcome ? 'unreadable' : outcome.entries.map((e) => e.refusal ?? e.row);

const digits = fc.integer({ min: 1, max: 999_999 });
const text = fc.string({ maxLength: 30 });
const chunkSizes = fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 5 });

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

const arbitraryPatronCsv = fc
  .tuple(
    fc.constantFrom(',', ';'),
    fc.array(fc.tuple(digits, text, text), { minLength: 1, maxLength: 8 }),
  )
  .map(([d, rows]) => {
    const lines = [
      ['barcode', 'name', 'patron_type', 'home_branch', 'email'].join(d),
      ...rows.map(([n, name, email]) =>
        [
          withCheckDigit(`2${String(n).padStart(12, '0')}`),
          quote(name),
          'ADULT',
          'MAIN',
          quote(email),
        ].join(d),
      ),
    ];
    return new TextEncoder().encode(`${lines.join('\n')}\n`);
  });

const arbitraryBooks = fc.array(
  fc.tuple(text, text, fc.array(digits, { minLength: 0, maxLength: 3 })),
  { minLength: 1, maxLength: 5 },
);
const booksOf = (books: [string, string, number[]][]): TestMarcField[][] =>
  books.map(([title, author, barcodes]) =>
    kohaBook({
      title: title || 'Untitled',
      author,
      holdings: barcodes.map((n) => ({
        barcode: withCheckDigit(`3${String(n).padStart(12, '0')}`),
        branch: 'MAIN',
        type: 'BOOK',
      })),
    }),
  );

const damages = fc.array(arbitraryDamage, { maxLength: 3 });

describe('import readers under hostile input', () => {
  for (const [kind, files] of [
    ['patrons-csv', arbitraryPatronCsv],
    ['items-marc', arbitraryBooks.map((b) => iso2709File(booksOf(b)))],
    ['items-marcxml', arbitraryBooks.map((b) => new TextEncoder().encode(marcxmlFile(booksOf(b))))],
  ] as const) {
    it(
      `${kind}: ${RUNS} damaged files in random chunks answer with rows, or refusals by number`,
      async () => {
        let damagedAnswers = 0;
        await fc.assert(
          fc.asyncProperty(files, damages, chunkSizes, async (file, damage, sizes) => {
            const damaged = damage.reduce(applyDamage, file);
            const outcome = await readAll(kind, damaged, sizes);
            expectSound(kind, damaged, outcome);
            if ('error' in outcome || outcome.entries.some((e) => e.refusal)) damagedAnswers += 1;
          }),
          { numRuns: RUNS },
        );
        // The damage must often be caught, or the generators explore only sound files.
        expect(damagedAnswers).toBeGreaterThan(RUNS / 10);
      },
      TIMEOUT_MS,
    );

    it(
      `${kind}: arbitrary bytes never make it throw anything else or hang`,
      async () => {
        let answered = 0;
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), chunkSizes, async (bytes, sizes) => {
            expectSound(kind, bytes, await readAll(kind, bytes, sizes));
            answered += 1;
          }),
          { numRuns: RUNS },
        );
        expect(answered).toBe(RUNS);
      },
      TIMEOUT_MS,
    );
  }

  it('reads a sound file the same whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryBooks, chunkSizes, async (books, sizes) => {
        const file = iso2709File(booksOf(books));
        const whole = await readAll('items-marc', file, []);
        const chunked = await readAll('items-marc', file, sizes);
        expect(chunked).toEqual(whole);
        const xml = new TextEncoder().encode(marcxmlFile(booksOf(books)));
        const fromXml = await readAll('items-marcxml', xml, sizes);
        expect(summary(fromXml)).toEqual(summary(whole));
      }),
      { numRuns: 200 },
    );
  });
});

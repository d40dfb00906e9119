// Fuzzing the .koc reader with thousands of damaged files: it never throws, never accepts a
// transaction its schema refuses, and every refusal names the line (and Koha's column) at fault.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDamage,
  arbitraryDamage,
  arbitraryKocFile,
  expectSoundAnswer,
  READER_FUZZ_RUNS,
  READER_FUZZ_TIMEOUT_MS,
} from '../offlineFile/hostileFiles.testing.ts';
import { readKocFile, type ReadKocFileOptions } from './index.ts';

const DAY_MS = 86_400_000;
const OPTIONS: ReadKocFileOptions = {
  workstation: 'KOC-DESK1',
  branchCode: 'MAIN',
  staffUsername: 'super',
  timeZone: 'Europe/Berlin',
  dueFor: ({ checkedOutAt }) => ({ dueAt: checkedOutAt + 21 * DAY_MS, loanDays: 21 }),
};

/** A .koc file of one return line for the barcode. */
const returnOf = (barcode: string) =>
  new TextEncoder().encode(`Version=1.0\n2026-07-22 10:15:30 000\treturn\t${barcode}\n`);

describe('readKocFile under hostile input', () => {
  it(
    `answers ${READER_FUZZ_RUNS} damaged files without throwing, naming line and column`,
    () => {
      let refused = 0;
      let accepted = 0;
      fc.assert(
        fc.property(
          arbitraryKocFile,
          fc.array(arbitraryDamage, { maxLength: 3 }),
          (file, damages) => {
            const damaged = damages.reduce(applyDamage, file);
            const result = readKocFile(damaged, OPTIONS);
            expectSoundAnswer(damaged, result);
            if (result.ok) accepted += 1;
            else refused += 1;
          },
        ),
        { numRuns: READER_FUZZ_RUNS },
      );
      // Both answers must be common, or the generators explore only one side.
      expect(refused).toBeGreaterThan(READER_FUZZ_RUNS / 10);
      expect(accepted).toBeGreaterThan(READER_FUZZ_RUNS / 10);
    },
    READER_FUZZ_TIMEOUT_MS,
  );

  it(
    `answers ${READER_FUZZ_RUNS} arbitrary lines after a valid header without throwing`,
    () => {
      let answered = 0;
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (line) => {
          const bytes = new TextEncoder().encode(`Version=1.0\n${line}\n`);
          expectSoundAnswer(bytes, readKocFile(bytes, OPTIONS));
          answered += 1;
        }),
        { numRuns: READER_FUZZ_RUNS },
      );
      expect(answered).toBe(READER_FUZZ_RUNS);
    },
    READER_FUZZ_TIMEOUT_MS,
  );

  it(
    'keeps barcodes with markup or control characters as data, and refuses over-long ones',
    () => {
      for (const barcode of ['<img src=x onerror=alert(1)>', 'I\u0001\u001b[31m', '=1+2']) {
        const result = readKocFile(returnOf(barcode), OPTIONS);
        expect(result.ok && result.transactions[0]).toMatchObject({ itemBarcode: barcode });
      }
      const tooLong = readKocFile(returnOf('9'.repeat(65)), OPTIONS);
      expect(tooLong.ok ? [] : tooLong.errors.map((e) => [e.line, e.field])).toEqual([
        [2, 'barcode'],
      ]);
    },
    READER_FUZZ_TIMEOUT_MS,
  );

  it('refuses a barcode hiding a direction-changing or invisible character, naming the line', () => {
    for (const barcode of ['31\u202e00', '\u200b31', '31\u2066']) {
      const result = readKocFile(returnOf(barcode), OPTIONS);
      expect(result.ok ? [] : result.errors.map((e) => [e.line, e.field, e.message])).toEqual([
        [2, 'barcode', expect.stringMatching(/invisible or direction-changing character/)],
      ]);
    }
  });
});

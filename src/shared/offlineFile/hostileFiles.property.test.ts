// Fuzzing the circa-offline reader with thousands of damaged files: it never throws, never accepts
// a transaction its schema refuses, and every refusal names the line (and field) of the problem.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDamage,
  arbitraryDamage,
  arbitraryOfflineFile,
  expectSoundAnswer,
  HOSTILE_JSON_VALUES,
  READER_FUZZ_RUNS,
  READER_FUZZ_TIMEOUT_MS,
} from './hostileFiles.testing.ts';
import { formatOfflineFileError, readOfflineFile, writeOfflineFile } from './index.ts';

const WORKSTATION = 'DESK-2';

describe('readOfflineFile under hostile input', () => {
  it(
    `answers ${READER_FUZZ_RUNS} damaged files without throwing, naming line and field`,
    () => {
      let refused = 0;
      fc.assert(
        fc.property(
          arbitraryOfflineFile(WORKSTATION),
          fc.array(arbitraryDamage, { minLength: 1, maxLength: 3 }),
          (file, damages) => {
            const damaged = damages.reduce(applyDamage, file);
            const result = readOfflineFile(damaged);
            expectSoundAnswer(damaged, result);
            if (!result.ok) refused += 1;
          },
        ),
        { numRuns: READER_FUZZ_RUNS },
      );
      // Most damage must actually be refused, or the generators are not hostile at all.
      expect(refused).toBeGreaterThan(READER_FUZZ_RUNS / 2);
    },
    READER_FUZZ_TIMEOUT_MS,
  );

  it(
    `answers ${READER_FUZZ_RUNS} arbitrary byte strings without throwing`,
    () => {
      let answered = 0;
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc
              .string({ unit: 'binary', maxLength: 300 })
              .map((s) => new TextEncoder().encode(`{"format":"circa-offline",${s}`)),
          ),
          (bytes) => {
            expectSoundAnswer(bytes, readOfflineFile(bytes));
            answered += 1;
          },
        ),
        { numRuns: READER_FUZZ_RUNS },
      );
      expect(answered).toBe(READER_FUZZ_RUNS);
    },
    READER_FUZZ_TIMEOUT_MS,
  );

  it(
    'refuses every hostile value in every field of a transaction, naming that field',
    () => {
      const file = writeOfflineFile({
        workstation: WORKSTATION,
        branchCode: 'MAIN',
        exportedAt: 1_780_100_000_000,
        transactions: [
          {
            id: '0192f3a0-0000-7000-8000-000000000001',
            sequence: 1,
            occurredAt: 1_780_000_000_000,
            clockOffsetMs: -1_500,
            workstation: WORKSTATION,
            branchCode: 'MAIN',
            staffUsername: 'desk',
            type: 'check_out',
            patronBarcode: 'P0001',
            itemBarcode: 'I0001',
            dueAt: 1_781_000_000_000,
            dueDateBasis: { kind: 'rule', loanDays: 21 },
          },
        ],
      });
      const [header = '', line = ''] = file.split('\n');
      const fields = Object.keys(JSON.parse(line) as Record<string, unknown>);
      const unnamed: string[] = [];
      for (const field of fields.filter((f) => f !== 'dueDateBasis')) {
        const named = new RegExp(
          `line 2(, field ${field}|: not valid JSON|: the line has \\d+ characters|, field type)`,
        );
        for (const value of HOSTILE_JSON_VALUES) {
          const transaction = JSON.parse(line) as Record<string, unknown>;
          const hostile = JSON.stringify({ ...transaction, [field]: '__HOSTILE__' }).replace(
            '"__HOSTILE__"',
            value,
          );
          const bytes = new TextEncoder().encode(`${header}\n${hostile}\n`);
          const result = readOfflineFile(bytes);
          expectSoundAnswer(bytes, result);
          // Some values are valid for some fields (a string for a barcode); the rest name the field.
          if (!result.ok) {
            const where = result.errors.map(formatOfflineFileError).join('\n');
            if (!named.test(where)) unnamed.push(`${field}=${value.slice(0, 40)}: ${where}`);
          }
        }
      }
      expect(unnamed).toEqual([]);
    },
    READER_FUZZ_TIMEOUT_MS,
  );
});

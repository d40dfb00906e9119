import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BarcodeKind,
  BarcodeRules,
  DEMO_BARCODE_RULES,
  checkBarcode,
  mod10CheckDigit,
  withCheckDigit,
} from './barcodes.ts';

// The worked example of the library mod-10 scheme (Dynix / Ameritech documentation).
const ITEM = '33191000105864';
const PATRON = withCheckDigit('2319100010586');

function problemOf(kind: BarcodeKind, raw: string, rules = DEMO_BARCODE_RULES) {
  const result = checkBarcode(kind, raw, rules);
  return result.ok ? 'OK' : result.problem;
}

describe('mod10CheckDigit', () => {
  it('matches the published library example and Luhn', () => {
    expect(mod10CheckDigit('3319100010586')).toBe('4');
    expect(withCheckDigit('7992739871')).toBe('79927398713'); // the classic Luhn example
    expect(mod10CheckDigit('0')).toBe('0');
  });

  it('refuses a body that is not digits', () => {
    expect(() => mod10CheckDigit('12a4')).toThrow(RangeError);
    expect(() => mod10CheckDigit('')).toThrow(RangeError);
  });
});

describe('checkBarcode with the demo rules', () => {
  it('accepts valid barcodes, trimming what the scanner adds', () => {
    expect(checkBarcode('item', `${ITEM}\r\n`, DEMO_BARCODE_RULES)).toEqual({
      ok: true,
      barcode: ITEM,
    });
    expect(checkBarcode('patron', `  ${PATRON}\t`, DEMO_BARCODE_RULES)).toEqual({
      ok: true,
      barcode: PATRON,
    });
  });

  it('names each problem in plain words', () => {
    expect(checkBarcode('item', '33191000105865', DEMO_BARCODE_RULES)).toEqual({
      ok: false,
      problem: 'CHECK_DIGIT_MISMATCH',
      message: 'The check digit does not match: check the barcode or scan it again.',
    });
    expect(checkBarcode('patron', ITEM, DEMO_BARCODE_RULES)).toEqual({
      ok: false,
      problem: 'LOOKS_LIKE_ITEM',
      message: "This looks like an item barcode. Scan the patron's library card here.",
    });
    expect(checkBarcode('item', PATRON, DEMO_BARCODE_RULES)).toMatchObject({
      problem: 'LOOKS_LIKE_PATRON',
      message: "This looks like a patron barcode. Scan the item's barcode here.",
    });
    const short = checkBarcode('item', '3319100010586', DEMO_BARCODE_RULES);
    expect(short).toMatchObject({ problem: 'WRONG_LENGTH' });
    expect(!short.ok && short.message).toContain('14 characters');
    const foreign = checkBarcode('item', withCheckDigit('4319100010586'), DEMO_BARCODE_RULES);
    expect(foreign).toMatchObject({ problem: 'WRONG_PREFIX' });
    expect(!foreign.ok && foreign.message).toContain('starts with 3');
  });

  it('opens each message with the right article: "An item barcode", "A patron barcode"', () => {
    const item = checkBarcode('item', '3319100010586', DEMO_BARCODE_RULES);
    expect(!item.ok && item.message).toMatch(/^An item barcode has 14 characters/);
    const patron = checkBarcode('patron', '231910001058', DEMO_BARCODE_RULES);
    expect(!patron.ok && patron.message).toMatch(/^A patron barcode has 14 characters/);
  });

  it('refuses empty input, control characters, inner spaces and non-ASCII', () => {
    expect(problemOf('patron', '')).toBe('EMPTY');
    expect(problemOf('patron', ' \n')).toBe('EMPTY');
    expect(problemOf('item', '3319100\u00000105864')).toBe('INVALID_CHARACTERS');
    expect(problemOf('item', '3319100 0105864')).toBe('INVALID_CHARACTERS');
    expect(problemOf('item', '3319100０105864')).toBe('INVALID_CHARACTERS');
    expect(problemOf('item', '331910001058a4')).toBe('INVALID_CHARACTERS');
  });

  it('calls a broken item barcode in the patron field a bad patron barcode, not an item', () => {
    expect(problemOf('patron', '33191000105865')).toBe('WRONG_PREFIX');
  });
});

describe('checkBarcode with other rules', () => {
  const open = BarcodeRules.parse({
    patron: { length: null, prefix: 'P', checkDigit: 'none' },
    item: { length: 8, prefix: '', checkDigit: 'none' },
  });

  it('accepts letters and any length when the rule allows them', () => {
    expect(problemOf('patron', 'P-00042', open)).toBe('OK');
    expect(problemOf('item', 'AB12-xy9', open)).toBe('OK');
    expect(problemOf('item', 'AB12', open)).toBe('WRONG_LENGTH');
  });

  it('refuses rules that break the schema', () => {
    expect(
      BarcodeRules.safeParse({
        patron: { length: 0, prefix: '', checkDigit: 'none' },
        item: { length: 14, prefix: '3', checkDigit: 'mod11' },
      }).success,
    ).toBe(false);
  });
});

const digits = (minLength: number, maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength, maxLength }).map((list) => list.join(''));

const anyLengthMod10 = BarcodeRules.parse({
  patron: { length: null, prefix: '', checkDigit: 'mod10' },
  item: { length: null, prefix: '', checkDigit: 'mod10' },
});

describe('barcode properties', () => {
  it('passes every body with its check digit', () => {
    fc.assert(
      fc.property(digits(1, 40), (body) => {
        expect(checkBarcode('item', withCheckDigit(body), anyLengthMod10)).toEqual({
          ok: true,
          barcode: withCheckDigit(body),
        });
      }),
    );
    fc.assert(
      fc.property(digits(12, 12), (serial) => {
        expect(problemOf('item', withCheckDigit(`3${serial}`))).toBe('OK');
        expect(problemOf('patron', withCheckDigit(`2${serial}`))).toBe('OK');
      }),
    );
  });

  it('fails any single-digit change, the check digit included', () => {
    fc.assert(
      fc.property(
        digits(1, 40),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, position, shift) => {
          const barcode = withCheckDigit(body);
          const at = position % barcode.length;
          const changed = (Number(barcode[at]) + shift) % 10;
          const mistyped = barcode.slice(0, at) + String(changed) + barcode.slice(at + 1);
          expect(problemOf('item', mistyped, anyLengthMod10)).toBe('CHECK_DIGIT_MISMATCH');
        },
      ),
    );
  });

  it('always explains a refusal, and returns the trimmed barcode on success', () => {
    const rule = fc.record({
      length: fc.option(fc.integer({ min: 1, max: 64 }), { nil: null }),
      prefix: fc.string({ maxLength: 3 }),
      checkDigit: fc.constantFrom('mod10' as const, 'none' as const),
    });
    const input = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      digits(0, 20),
    );
    fc.assert(
      fc.property(
        fc.constantFrom<BarcodeKind>('patron', 'item'),
        input,
        fc.oneof(fc.constant(DEMO_BARCODE_RULES), fc.record({ patron: rule, item: rule })),
        (kind, raw, rules) => {
          const result = checkBarcode(kind, raw, rules);
          // Written without branches around expect, so that every run checks both facts.
          expect(result.ok ? result.barcode : raw.trim()).toBe(raw.trim());
          expect(result.ok ? /^[\x21-\x7e]+$/.test(result.barcode) : true).toBe(true);
          expect(result.ok ? 'explained' : result.message.trim().length > 10 && 'explained').toBe(
            'explained',
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

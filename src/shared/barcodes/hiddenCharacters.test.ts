import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBarcode, DEMO_BARCODE_RULES } from './barcodes.ts';
import { BarcodeText, findHiddenCharacter } from './hiddenCharacters.ts';

/** Bidirectional controls, zero-width and other invisible characters, one of each family. */
const HIDDEN = [
  '\u202e', // right-to-left override
  '\u202a', // left-to-right embedding
  '\u2066', // left-to-right isolate
  '\u2069', // pop directional isolate
  '\u200e', // left-to-right mark
  '\u200f', // right-to-left mark
  '\u061c', // Arabic letter mark
  '\u200b', // zero-width space
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u2060', // word joiner
  '\ufeff', // byte order mark
  '\u00ad', // soft hyphen
  '\u180e', // Mongolian vowel separator
  '\u034f', // combining grapheme joiner
  '\u3164', // Hangul filler
  '\ufe0f', // variation selector 16
  '\u2028', // line separator
  '\u{e0041}', // tag letter A
];

const printableBarcode = fc.stringMatching(/^[\x21-\x7e]{1,60}$/);

describe('hidden characters in barcodes', () => {
  it('names each hidden character by its code point', () => {
    expect(HIDDEN.map((c) => findHiddenCharacter(`31${c}00`))).toEqual(
      HIDDEN.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`),
    );
  });

  it('refuses a barcode with a hidden character anywhere, saying what to do', () => {
    fc.assert(
      fc.property(printableBarcode, fc.constantFrom(...HIDDEN), fc.nat(), (barcode, hidden, at) => {
        const position = at % (barcode.length + 1);
        const spoofed = barcode.slice(0, position) + hidden + barcode.slice(position);
        const parsed = BarcodeText.safeParse(spoofed);
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues.map((i) => i.message).join(' ')).toMatch(
          /invisible or direction-changing character \(U\+[0-9A-F]{4,5}\).*scan the barcode again/,
        );
      }),
    );
  });

  it('keeps every printable barcode, and control characters and markup as data', () => {
    fc.assert(fc.property(printableBarcode, (barcode) => BarcodeText.safeParse(barcode).success));
    for (const barcode of ['I\u0001\u001b[31m', '<img src=x>', 'Zoë', '=1+2']) {
      expect(BarcodeText.safeParse(barcode).success).toBe(true);
    }
  });

  it('agrees with the barcode rules, which refuse them at a scan too', () => {
    for (const hidden of HIDDEN) {
      const check = checkBarcode('item', `3100000${hidden}0000017`, DEMO_BARCODE_RULES);
      expect(check.ok && check.barcode).toBe(false);
    }
  });
});

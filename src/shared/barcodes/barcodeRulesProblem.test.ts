import { describe, expect, it } from 'vitest';
import { barcodeRulesProblem } from './barcodeRulesProblem.ts';
import { DEMO_BARCODE_RULES } from './barcodes.ts';

describe('barcodeRulesProblem', () => {
  it('accepts the demo rules and rules without prefixes', () => {
    expect(barcodeRulesProblem(DEMO_BARCODE_RULES)).toBeNull();
    expect(
      barcodeRulesProblem({
        patron: { length: 10, prefix: '', checkDigit: 'none' },
        item: { length: 12, prefix: '', checkDigit: 'none' },
      }),
    ).toBeNull();
  });

  it('refuses a prefix that fills the whole length', () => {
    expect(
      barcodeRulesProblem({
        ...DEMO_BARCODE_RULES,
        patron: { length: 2, prefix: '21', checkDigit: 'none' },
      }),
    ).toMatch(/patron prefix \(2 characters\) leaves no room/);
  });

  it('refuses letters in the prefix of a check-digit rule', () => {
    expect(
      barcodeRulesProblem({
        ...DEMO_BARCODE_RULES,
        item: { length: 14, prefix: 'B', checkDigit: 'mod10' },
      }),
    ).toMatch(/item barcode with a mod-10 check digit is made of digits only/);
  });

  it('refuses spaces in a prefix', () => {
    expect(
      barcodeRulesProblem({
        ...DEMO_BARCODE_RULES,
        item: { length: 14, prefix: '3 ', checkDigit: 'none' },
      }),
    ).toMatch(/item prefix has spaces/);
  });

  it('allows card and item rules that accept the same barcodes', () => {
    expect(
      barcodeRulesProblem({
        patron: { length: null, prefix: '', checkDigit: 'none' },
        item: { length: null, prefix: '', checkDigit: 'none' },
      }),
    ).toBeNull();
  });
});

// The invariant behind accepting barcode rules: every set of rules an administrator may save can be
// met, by at least one patron barcode and one item barcode that Check Out accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barcodeRulesProblem } from './barcodeRulesProblem.ts';
import { checkBarcode, mod10CheckDigit, type BarcodeRule, type BarcodeRules } from './barcodes.ts';

const anyRule: fc.Arbitrary<BarcodeRule> = fc.record({
  length: fc.option(fc.integer({ min: 1, max: 64 }), { nil: null }),
  prefix: fc.oneof(fc.string({ maxLength: 16 }), fc.stringMatching(/^\d{0,6}$/)),
  checkDigit: fc.constantFrom('mod10' as const, 'none' as const),
});

/** A barcode meeting the rule: the prefix, padding, and the check digit when there is one. */
function barcodeFor(rule: BarcodeRule): string {
  const length = rule.length ?? rule.prefix.length + 4;
  if (rule.checkDigit === 'mod10') {
    const body = rule.prefix.padEnd(length - 1, '0');
    return body + mod10CheckDigit(body);
  }
  return rule.prefix.padEnd(length, '7');
}

describe('barcodeRulesProblem', () => {
  it('accepts only rules that some patron and some item barcode can meet', () => {
    fc.assert(
      fc.property(anyRule, anyRule, (patron, item) => {
        const rules: BarcodeRules = { patron, item };
        fc.pre(barcodeRulesProblem(rules) === null);
        expect(checkBarcode('patron', barcodeFor(patron), rules).ok).toBe(true);
        // An item barcode that also passes the patron rule is still an item here.
        expect(checkBarcode('item', barcodeFor(item), rules).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every rule whose prefix fills or overflows its length', () => {
    fc.assert(
      fc.property(anyRule, (patron) => {
        fc.pre(patron.length !== null && patron.prefix.length >= patron.length);
        const item: BarcodeRule = { length: null, prefix: '', checkDigit: 'none' };
        expect(barcodeRulesProblem({ patron, item })).not.toBeNull();
      }),
    );
  });
});

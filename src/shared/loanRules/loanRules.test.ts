import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LoanRuleLike, findLoanRule } from './loanRules.ts';

const ADULT = 1;
const CHILD = 2;
const BOOK = 10;
const DVD = 11;
const MAIN = 100;
const BOOKMOBILE = 101;

type NamedLoanRule = LoanRuleLike & { name: string };

function buildLoanRule(overrides: Partial<NamedLoanRule> = {}): NamedLoanRule {
  return {
    name: 'adult book, library-wide',
    patronTypeId: ADULT,
    materialTypeId: BOOK,
    branchId: null,
    loanDays: 21,
    maxItems: 30,
    ...overrides,
  };
}

const libraryWideBook = buildLoanRule();
const bookmobileBook = buildLoanRule({
  name: 'adult book, bookmobile',
  branchId: BOOKMOBILE,
  loanDays: 42,
});
const childDvd = buildLoanRule({
  name: 'child DVD',
  patronTypeId: CHILD,
  materialTypeId: DVD,
  loanDays: 7,
});
const rules = [bookmobileBook, childDvd, libraryWideBook];

describe('findLoanRule', () => {
  it('prefers the branch rule over the library-wide one, in any order', () => {
    const key = { patronTypeId: ADULT, materialTypeId: BOOK, branchId: BOOKMOBILE };
    expect(findLoanRule(rules, key)).toBe(bookmobileBook);
    expect(findLoanRule(rules.toReversed(), key)).toBe(bookmobileBook);
  });

  it('falls back to the library-wide rule at a branch without its own', () => {
    expect(findLoanRule(rules, { patronTypeId: ADULT, materialTypeId: BOOK, branchId: MAIN })).toBe(
      libraryWideBook,
    );
    expect(findLoanRule(rules, { patronTypeId: ADULT, materialTypeId: BOOK, branchId: null })).toBe(
      libraryWideBook,
    );
  });

  it('never uses another branch, patron type or material type', () => {
    expect(
      findLoanRule([bookmobileBook], { patronTypeId: ADULT, materialTypeId: BOOK, branchId: MAIN }),
    ).toBeUndefined();
    expect(
      findLoanRule(rules, { patronTypeId: CHILD, materialTypeId: BOOK, branchId: MAIN }),
    ).toBeUndefined();
    expect(
      findLoanRule(rules, { patronTypeId: ADULT, materialTypeId: DVD, branchId: MAIN }),
    ).toBeUndefined();
    expect(
      findLoanRule([], { patronTypeId: ADULT, materialTypeId: BOOK, branchId: MAIN }),
    ).toBeUndefined();
  });

  it('returns a matching rule, and the branch rule whenever one exists', () => {
    const id = fc.integer({ min: 1, max: 3 });
    const rule = fc.record({
      patronTypeId: id,
      materialTypeId: id,
      branchId: fc.option(id, { nil: null }),
      loanDays: fc.integer({ min: 0, max: 60 }),
      maxItems: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 20 }),
        id,
        id,
        id,
        (list, patronTypeId, materialTypeId, branchId) => {
          const found = findLoanRule(list, { patronTypeId, materialTypeId, branchId });
          const matching = list.filter(
            (r) => r.patronTypeId === patronTypeId && r.materialTypeId === materialTypeId,
          );
          const expected =
            matching.find((r) => r.branchId === branchId) ??
            matching.find((r) => r.branchId === null);
          expect(found).toBe(expected);
        },
      ),
    );
  });
});

// Which loan rule governs a check-out: a rule for this patron type and material type at this branch
// wins over the library-wide one. Shared so the offline client picks the rule the server would.

export interface LoanRuleLike {
  patronTypeId: number;
  materialTypeId: number;
  /** Null: applies at every branch that has no rule of its own for this pair. */
  branchId: number | null;
  loanDays: number;
  /** Most loans of this material type a patron of this type may have at once. */
  maxItems: number;
}

export interface LoanRuleKey {
  patronTypeId: number;
  materialTypeId: number;
  /** The branch where the item is checked out; null looks at library-wide rules only. */
  branchId: number | null;
}

/**
 * The rule for this patron type and material type at this branch, else the library-wide rule, else
 * undefined (the caller decides what an unmatched check-out gets). Among duplicates the first wins.
 */
export function findLoanRule<Rule extends LoanRuleLike>(
  rules: readonly Rule[],
  key: LoanRuleKey,
): Rule | undefined {
  let libraryWide: Rule | undefined;
  for (const rule of rules) {
    if (rule.patronTypeId !== key.patronTypeId || rule.materialTypeId !== key.materialTypeId) {
      continue;
    }
    if (key.branchId !== null && rule.branchId === key.branchId) return rule;
    if (rule.branchId === null) libraryWide ??= rule;
  }
  return libraryWide;
}

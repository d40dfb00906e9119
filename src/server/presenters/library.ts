// Turns branch and loan rule rows into the library set-up contract (shared/api/library.ts).
import type { Branch as ApiBranch, LoanRule as ApiLoanRule } from '../../shared/api/library.ts';
import { parseClosedWeekdays } from '../db/branchCalendar.ts';
import type { LoanRuleRecord } from '../db/loanRules.ts';
import type { Branch } from '../db/schema.ts';

export function presentLibraryBranch(branch: Branch): ApiBranch {
  return {
    id: branch.id,
    code: branch.code,
    name: branch.name,
    timeZone: branch.time_zone,
    closedWeekdays: parseClosedWeekdays(branch.closed_weekdays),
  };
}

export function presentLoanRule(rule: LoanRuleRecord): ApiLoanRule {
  return {
    id: rule.id,
    patronType: { code: rule.patronType.code, name: rule.patronType.name },
    materialType: { code: rule.materialType.code, name: rule.materialType.name },
    branch: rule.branch && {
      id: rule.branch.id,
      code: rule.branch.code,
      name: rule.branch.name,
      timeZone: rule.branch.timeZone,
    },
    loanDays: rule.loanDays,
    maxItems: rule.maxItems,
    renewalsAllowed: rule.renewalsAllowed,
  };
}

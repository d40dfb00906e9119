// Turns branch and loan rule rows into the library set-up contract (shared/api/library.ts).
import type { Branch as ApiBranch, LoanRule as ApiLoanRule } from '../../shared/api/library.ts';
import { parseClosedWeekdays } from '../db/branchCalendar.ts';
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

/** A loan rule joined with its patron type, material type and (optional) branch. */
export interface LoanRuleView {
  id: number;
  loan_days: number;
  max_items: number;
  patron_type_code: string;
  patron_type_name: string;
  material_type_code: string;
  material_type_name: string;
  branch_id: number | null;
  branch_code: string | null;
  branch_name: string | null;
  branch_time_zone: string | null;
}

export function presentLoanRule(rule: LoanRuleView): ApiLoanRule {
  const branch =
    rule.branch_id === null ||
    rule.branch_code === null ||
    rule.branch_name === null ||
    rule.branch_time_zone === null
      ? null
      : {
          id: rule.branch_id,
          code: rule.branch_code,
          name: rule.branch_name,
          timeZone: rule.branch_time_zone,
        };
  return {
    id: rule.id,
    patronType: { code: rule.patron_type_code, name: rule.patron_type_name },
    materialType: { code: rule.material_type_code, name: rule.material_type_name },
    branch,
    loanDays: rule.loan_days,
    maxItems: rule.max_items,
  };
}

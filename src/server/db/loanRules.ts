// The one query for loan rules: each rule with its patron type, material type and (optional)
// branch, in the shape src/shared/loanRules expects, so the loan-rule list, the offline snapshot,
// .koc due dates and online check-out all read the same rows and pick a rule the same way.
import type { Kysely, Transaction } from 'kysely';
import type { LoanRuleLike } from '../../shared/loanRules/loanRules.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A code and the name staff read beside it (patron type, material type). */
export interface CodeAndName {
  code: string;
  name: string;
}

/** A loan rule as findLoanRule reads it, with the names a screen or snapshot shows. */
export interface LoanRuleRecord extends LoanRuleLike {
  id: number;
  patronType: CodeAndName;
  materialType: CodeAndName;
  /** How many times a loan under this rule may be renewed. */
  renewalsAllowed: number;
  /** Null for a library-wide rule. */
  branch: { id: number; code: string; name: string; timeZone: string } | null;
}

export interface LoanRuleFilter {
  /** Only the rules that can apply at this branch: its own and the library-wide ones. */
  inForceAt?: number;
  /** Only rules for this patron type (a check-out knows its patron's). */
  patronTypeId?: number;
  /** Only rules for this material type (a check-out knows its item's). */
  materialTypeId?: number;
}

/**
 * Loan rules by patron type code, material type code, then age (oldest first, the one
 * findLoanRule keeps among duplicates). Pass the result to findLoanRule to choose a rule.
 */
export async function readLoanRules(
  db: Db,
  filter: LoanRuleFilter = {},
): Promise<LoanRuleRecord[]> {
  let query = db
    .selectFrom('loan_rules')
    .innerJoin('patron_types', 'patron_types.id', 'loan_rules.patron_type_id')
    .innerJoin('material_types', 'material_types.id', 'loan_rules.material_type_id')
    .leftJoin('branches', 'branches.id', 'loan_rules.branch_id')
    .select([
      'loan_rules.id',
      'loan_rules.patron_type_id',
      'loan_rules.material_type_id',
      'loan_rules.branch_id',
      'loan_rules.loan_days',
      'loan_rules.max_items',
      'loan_rules.renewals_allowed',
      'patron_types.code as patron_type_code',
      'patron_types.name as patron_type_name',
      'material_types.code as material_type_code',
      'material_types.name as material_type_name',
      'branches.code as branch_code',
      'branches.name as branch_name',
      'branches.time_zone as branch_time_zone',
    ]);
  const { inForceAt, patronTypeId, materialTypeId } = filter;
  if (inForceAt !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('loan_rules.branch_id', 'is', null), eb('loan_rules.branch_id', '=', inForceAt)]),
    );
  }
  if (patronTypeId !== undefined)
    query = query.where('loan_rules.patron_type_id', '=', patronTypeId);
  if (materialTypeId !== undefined) {
    query = query.where('loan_rules.material_type_id', '=', materialTypeId);
  }
  const rows = await query
    .orderBy('patron_types.code')
    .orderBy('material_types.code')
    .orderBy('loan_rules.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    patronTypeId: row.patron_type_id,
    materialTypeId: row.material_type_id,
    branchId: row.branch_id,
    loanDays: row.loan_days,
    maxItems: row.max_items,
    renewalsAllowed: row.renewals_allowed,
    patronType: { code: row.patron_type_code, name: row.patron_type_name },
    materialType: { code: row.material_type_code, name: row.material_type_name },
    branch:
      row.branch_id === null ||
      row.branch_code === null ||
      row.branch_name === null ||
      row.branch_time_zone === null
        ? null
        : {
            id: row.branch_id,
            code: row.branch_code,
            name: row.branch_name,
            timeZone: row.branch_time_zone,
          },
  }));
}

// Loan rules: one per patron type × material type, library-wide or for one branch. Check-out and
// the offline snapshot read the rules from the database on every request, so a change applies to
// the next loan and reaches offline clients with their next snapshot.
import type { LoanRuleChange, NewLoanRule } from '../../../shared/api/administration.ts';
import type { LoanRule } from '../../../shared/api/library.ts';
import { readLoanRules } from '../../db/loanRules.ts';
import type { LoanRule as LoanRuleRow } from '../../db/schema.ts';
import { CircaError } from '../../errors.ts';
import { presentLoanRule } from '../../presenters/library.ts';
import {
  alreadyExists,
  audited,
  inChange,
  lowerOf,
  notFound,
  type AdminChangeProps,
  type Trx,
} from './adminChange.ts';

async function presentRule(trx: Trx, row: LoanRuleRow): Promise<LoanRule> {
  const rules = await readLoanRules(trx, {
    patronTypeId: row.patron_type_id,
    materialTypeId: row.material_type_id,
  });
  const rule = rules.find((r) => r.id === row.id);
  if (!rule) throw new Error(`Loan rule ${row.id} vanished inside its own transaction.`);
  return presentLoanRule(rule);
}

async function idByCode(
  trx: Trx,
  table: 'patron_types' | 'material_types' | 'branches',
  code: string,
  refusal: string,
  field: string,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where(lowerOf('code'), '=', code.toLowerCase())
    .executeTakeFirst();
  if (!row) throw new CircaError('BAD_REQUEST', 400, refusal, { field });
  return row.id;
}

async function ruleById(trx: Trx, id: number): Promise<LoanRuleRow> {
  const row = await trx
    .selectFrom('loan_rules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('loan rule', id);
  return row;
}

export async function createLoanRule(
  props: AdminChangeProps & { rule: NewLoanRule },
): Promise<LoanRule> {
  const { rule } = props;
  return inChange(props.db, async (trx) => {
    const patronTypeId = await idByCode(
      trx,
      'patron_types',
      rule.patronTypeCode,
      `No patron type has the code ${rule.patronTypeCode}: choose one from the list, or add it under Patron types first.`,
      'patronTypeCode',
    );
    const materialTypeId = await idByCode(
      trx,
      'material_types',
      rule.materialTypeCode,
      `No material type has the code ${rule.materialTypeCode}: choose one from the list, or add it under Material types first.`,
      'materialTypeCode',
    );
    const branchId =
      rule.branchCode === null
        ? null
        : await idByCode(
            trx,
            'branches',
            rule.branchCode,
            `No branch has the code ${rule.branchCode}: choose one from the list, or every branch.`,
            'branchCode',
          );
    // Rules stored before administration existed may repeat a combination (findLoanRule keeps the
    // oldest), so no unique index guards it: instead, creators of rules for the same patron type
    // wait for each other here (a row lock), so the check below sees a rule just added.
    await trx
      .updateTable('patron_types')
      .set((eb) => ({ id: eb.ref('id') }))
      .where('id', '=', patronTypeId)
      .execute();
    let duplicate = trx
      .selectFrom('loan_rules')
      .select('id')
      .where('patron_type_id', '=', patronTypeId)
      .where('material_type_id', '=', materialTypeId);
    duplicate =
      branchId === null
        ? duplicate.where('branch_id', 'is', null)
        : duplicate.where('branch_id', '=', branchId);
    if (await duplicate.executeTakeFirst()) {
      const where = rule.branchCode === null ? 'every branch' : `branch ${rule.branchCode}`;
      throw alreadyExists(
        `A loan rule for ${rule.patronTypeCode} borrowing ${rule.materialTypeCode} at ${where} exists already: edit that rule instead.`,
      );
    }
    const row = await trx
      .insertInto('loan_rules')
      .values({
        patron_type_id: patronTypeId,
        material_type_id: materialTypeId,
        branch_id: branchId,
        loan_days: rule.loanDays,
        max_items: rule.maxItems,
        renewals_allowed: rule.renewalsAllowed,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'loanRule.create',
      subjectType: 'loan_rule',
      subjectId: row.id,
      before: null,
      after: await presentRule(trx, row),
    });
  });
}

export async function changeLoanRule(
  props: AdminChangeProps & { id: number; change: LoanRuleChange },
): Promise<LoanRule> {
  const { id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await ruleById(trx, id);
    const before = await presentRule(trx, existing);
    const row = await trx
      .updateTable('loan_rules')
      .set({
        loan_days: change.loanDays,
        max_items: change.maxItems,
        renewals_allowed: change.renewalsAllowed,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'loanRule.update',
      subjectType: 'loan_rule',
      subjectId: id,
      before,
      after: await presentRule(trx, row),
    });
  });
}

/** Deletes a rule; loans already made keep their due dates. */
export async function deleteLoanRule(props: AdminChangeProps & { id: number }): Promise<void> {
  const { id } = props;
  await inChange(props.db, async (trx) => {
    const before = await presentRule(trx, await ruleById(trx, id));
    await trx.deleteFrom('loan_rules').where('id', '=', id).execute();
    await audited(trx, props, {
      action: 'loanRule.delete',
      subjectType: 'loan_rule',
      subjectId: id,
      before,
      after: null,
    });
  });
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import { findLoanRule } from '../../shared/loanRules/loanRules.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import {
  buildBranch,
  buildLoanRule,
  buildMaterialType,
  buildPatronType,
  nextSequence,
} from '../testing/factories.ts';
import { readLoanRules } from './loanRules.ts';

describeEachEngine('readLoanRules', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.dispose());

  /** Adult and child patron types, books; for adults a library-wide rule and one per branch. */
  async function rulesForTwoBranches() {
    const { db } = database;
    const n = nextSequence();
    const here = await buildBranch(db, {
      code: `HERE${n}`,
      name: 'Here',
      time_zone: 'America/Chicago',
    });
    const there = await buildBranch(db);
    const adult = await buildPatronType(db, { code: `A${n}`, name: 'Adult' });
    const child = await buildPatronType(db, { code: `B${n}`, name: 'Child' });
    const book = await buildMaterialType(db, { code: `BOOK${n}`, name: 'Books' });
    const pair = { patron_type_id: adult.id, material_type_id: book.id };
    const library = await buildLoanRule(db, { ...pair, loan_days: 21 });
    const local = await buildLoanRule(db, { ...pair, branch_id: here.id, loan_days: 7 });
    const elsewhere = await buildLoanRule(db, { ...pair, branch_id: there.id, loan_days: 3 });
    const children = await buildLoanRule(db, {
      patron_type_id: child.id,
      material_type_id: book.id,
    });
    return { db, n, here, there, adult, book, library, local, elsewhere, children };
  }

  it('reads each rule with its type names and branch, in code order', async () => {
    const { db, n, here, library, local, children } = await rulesForTwoBranches();
    const rules = await readLoanRules(db, { inForceAt: here.id });
    expect(rules.map((rule) => rule.id)).toEqual([library.id, local.id, children.id]);
    expect(rules[1]).toEqual({
      id: local.id,
      patronTypeId: local.patron_type_id,
      materialTypeId: local.material_type_id,
      branchId: here.id,
      loanDays: 7,
      maxItems: local.max_items,
      renewalsAllowed: local.renewals_allowed,
      patronType: { code: `A${n}`, name: 'Adult' },
      materialType: { code: `BOOK${n}`, name: 'Books' },
      branch: { id: here.id, code: `HERE${n}`, name: 'Here', timeZone: 'America/Chicago' },
    });
    expect(rules[0]!.branch).toBeNull();
  });

  it('narrows to a patron type and material type, and feeds findLoanRule', async () => {
    const { db, here, there, adult, book, local, elsewhere } = await rulesForTwoBranches();
    const key = { patronTypeId: adult.id, materialTypeId: book.id };
    const rules = await readLoanRules(db, key);
    expect(rules).toHaveLength(3);
    expect(findLoanRule(rules, { ...key, branchId: here.id })?.id).toBe(local.id);
    expect(findLoanRule(rules, { ...key, branchId: there.id })?.id).toBe(elsewhere.id);
  });
});

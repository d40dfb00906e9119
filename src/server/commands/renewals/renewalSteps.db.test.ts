// The guard on a renewal's write, step by step: a renewal decided from a read that a check-in or
// another renewal has since overtaken writes nothing, so it can neither renew a returned loan nor
// count once for two renewals.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decideRenewal } from '../../../shared/circulation/decideRenewal.ts';
import { renewableLoanById } from '../../db/renewalReads.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../../testing/engines.ts';
import { checkIn } from '../checkIn.ts';
import { checkOut } from '../checkOut.ts';
import {
  buildCirculationFixture,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from '../circulationFixture.testing.ts';
import { applyRenewal, readRenewalFacts } from './renewalSteps.ts';
import { renewLoan } from './renewLoan.ts';

describeEachEngine('a renewal’s guarded write', (engine) => {
  let database: TestDatabase;
  let library: CirculationFixture;
  const at = MONDAY_NOON_CHICAGO_MS;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    library = await buildCirculationFixture(database.db);
  });
  afterAll(() => database.dispose());

  async function lendAndDecide() {
    const actor = await library.actor();
    const patron = await library.patron();
    const item = await library.item();
    const { loan } = await checkOut({
      db: database.db,
      actor,
      patronBarcode: patron.barcode,
      itemBarcode: item.barcode,
      at,
    });
    const decision = await database.db.transaction().execute(async (trx) => {
      const row = await renewableLoanById(trx, loan.id);
      const facts = await readRenewalFacts(trx, actor, [row!], at);
      return decideRenewal({ at, override: null, mayOverride: false }, facts.get(loan.id)!);
    });
    if (decision.outcome !== 'renew') throw new Error('expected a renewal');
    return { actor, item, loan, decision };
  }

  async function state(loanId: number) {
    const loan = await database.db
      .selectFrom('loans')
      .select(['renewal_count', 'due_at', 'returned_at'])
      .where('id', '=', loanId)
      .executeTakeFirstOrThrow();
    const renewals = await database.db
      .selectFrom('renewals')
      .select('id')
      .where('loan_id', '=', loanId)
      .execute();
    return { ...loan, renewals: renewals.length };
  }

  it('writes nothing when the loan was checked in after the renewal was decided', async () => {
    const { actor, item, loan, decision } = await lendAndDecide();
    await checkIn({ db: database.db, actor, itemBarcode: item.barcode, at });
    const applied = await database.db
      .transaction()
      .execute((trx) => applyRenewal(trx, actor, decision, at));
    expect(applied).toBe(false);
    expect(await state(loan.id)).toEqual({
      renewal_count: 0,
      due_at: loan.dueAt,
      returned_at: at,
      renewals: 0,
    });
  });

  it('writes nothing when another renewal counted first, and the next one reads again', async () => {
    const { actor, loan, decision } = await lendAndDecide();
    await renewLoan({ db: database.db, actor, loanId: loan.id, at });
    const applied = await database.db
      .transaction()
      .execute((trx) => applyRenewal(trx, actor, decision, at));
    expect(applied).toBe(false);
    expect(await state(loan.id)).toMatchObject({ renewal_count: 1, renewals: 1 });
    await renewLoan({ db: database.db, actor, loanId: loan.id, at });
    expect(await state(loan.id)).toMatchObject({ renewal_count: 2, renewals: 2 });
  });
});

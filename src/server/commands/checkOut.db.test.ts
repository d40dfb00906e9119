import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import type { CircaError } from '../errors.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildItem, buildLoanRule, buildMaterialType } from '../testing/factories.ts';
import { checkIn } from './checkIn.ts';
import { checkOut } from './checkOut.ts';
import {
  buildCirculationFixture,
  MAX_ITEMS,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from './circulationFixture.testing.ts';

const HOUR_MS = 3_600_000;

async function refusal(promise: Promise<unknown>): Promise<CircaError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the command to refuse');
    },
    (caught: unknown) => caught,
  );
  return error as CircaError;
}

describeEachEngine('checkOut', (engine) => {
  let database: TestDatabase;
  let library: CirculationFixture;
  const at = MONDAY_NOON_CHICAGO_MS;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    library = await buildCirculationFixture(database.db);
  });
  afterAll(() => database.dispose());

  async function openLoans(itemId: number) {
    return database.db
      .selectFrom('loans')
      .selectAll()
      .where('item_id', '=', itemId)
      .where('returned_at', 'is', null)
      .execute();
  }

  it('lends the item: an online loan due 14 days later at 23:59 in Chicago, item on loan', async () => {
    const actor = await library.actor();
    const patron = await library.patron();
    const item = await library.item();
    const result = await checkOut({
      db: database.db,
      actor,
      patronBarcode: ` ${patron.barcode} `,
      itemBarcode: item.barcode,
      at,
    });
    // 16 March 2026 23:59 CDT (UTC−5, after the DST change on 8 March) = 17 March 04:59 UTC.
    expect(result.loan).toMatchObject({
      item: { id: item.id, barcode: item.barcode, title: item.title },
      patron: { id: patron.id, barcode: patron.barcode, name: patron.name },
      checkedOutAt: at,
      dueAt: Date.UTC(2026, 2, 17, 4, 59),
      returnedAt: null,
      branchCode: library.branch.code,
      source: 'online',
    });
    expect(result.replacedLoan).toBeNull();
    const [row] = await openLoans(item.id);
    expect(row).toMatchObject({
      patron_id: patron.id,
      staff_user_id: actor.staffUserId,
      workstation_id: actor.workstationId,
      branch_id: actor.branchId,
      source: 'online',
    });
    const stored = await database.db
      .selectFrom('items')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('on_loan');
  });

  it('moves the due date past a closed day at the lending branch', async () => {
    await database.db
      .insertInto('closed_days')
      .values({ branch_id: library.branch.id, date: '2026-03-16', reason: 'Staff training' })
      .execute();
    try {
      const result = await checkOut({
        db: database.db,
        actor: await library.actor(),
        patronBarcode: (await library.patron()).barcode,
        itemBarcode: (await library.item()).barcode,
        at,
      });
      expect(result.loan.dueAt).toBe(Date.UTC(2026, 2, 18, 4, 59));
    } finally {
      await database.db
        .deleteFrom('closed_days')
        .where('branch_id', '=', library.branch.id)
        .execute();
    }
  });

  it('refuses barcodes that break the rules with the rule’s message, and changes nothing', async () => {
    const actor = await library.actor();
    const item = await library.item();
    const badCard = await refusal(
      checkOut({ db: database.db, actor, patronBarcode: '2000', itemBarcode: item.barcode, at }),
    );
    expect(badCard).toMatchObject({ code: 'INVALID_BARCODE', status: 400 });
    expect(badCard.message).toMatch(/14 characters/);
    const swapped = await refusal(
      checkOut({
        db: database.db,
        actor,
        patronBarcode: item.barcode,
        itemBarcode: item.barcode,
        at,
      }),
    );
    expect(swapped.code).toBe('INVALID_BARCODE');
    expect(swapped.message).toMatch(/item barcode/);
    expect(await openLoans(item.id)).toHaveLength(0);
  });

  it('refuses unknown patrons and items', async () => {
    const actor = await library.actor();
    const patron = await library.patron();
    const item = await library.item();
    const unknownCard = withCheckDigit('2999999999999');
    const unknownItem = withCheckDigit('3999999999999');
    expect(
      await refusal(
        checkOut({
          db: database.db,
          actor,
          patronBarcode: unknownCard,
          itemBarcode: item.barcode,
          at,
        }),
      ),
    ).toMatchObject({ code: 'PATRON_NOT_FOUND', status: 404 });
    expect(
      await refusal(
        checkOut({
          db: database.db,
          actor,
          patronBarcode: patron.barcode,
          itemBarcode: unknownItem,
          at,
        }),
      ),
    ).toMatchObject({ code: 'ITEM_NOT_FOUND', status: 404 });
  });

  it('refuses expired and blocked cards, giving the block reason', async () => {
    const actor = await library.actor();
    const item = await library.item();
    // The card is good through its expiry day (2026-03-02 in Chicago) and expired the day after.
    const lastDay = await library.patron({ expires_on: '2026-03-02' });
    const expired = await library.patron({ expires_on: '2026-03-01' });
    const blocked = await library.patron({ block_reason: 'Unpaid fines over $20' });
    const expiredRefusal = await refusal(
      checkOut({
        db: database.db,
        actor,
        patronBarcode: expired.barcode,
        itemBarcode: item.barcode,
        at,
      }),
    );
    expect(expiredRefusal.code).toBe('PATRON_EXPIRED');
    expect(expiredRefusal.message).toContain('expired on Sun 1 Mar 2026');
    const blockedRefusal = await refusal(
      checkOut({
        db: database.db,
        actor,
        patronBarcode: blocked.barcode,
        itemBarcode: item.barcode,
        at,
      }),
    );
    expect(blockedRefusal.code).toBe('PATRON_BLOCKED');
    expect(blockedRefusal.message).toContain('Unpaid fines over $20');
    expect(await openLoans(item.id)).toHaveLength(0);
    await checkOut({
      db: database.db,
      actor,
      patronBarcode: lastDay.barcode,
      itemBarcode: item.barcode,
      at,
    });
    expect(await openLoans(item.id)).toHaveLength(1);
  });

  it('refuses lost, missing and withdrawn items, and lends damaged ones once staff confirm', async () => {
    const actor = await library.actor();
    for (const status of ['lost', 'missing', 'withdrawn'] as const) {
      const patron = await library.patron();
      const item = await library.item({ status });
      const error = await refusal(
        checkOut({
          db: database.db,
          actor,
          patronBarcode: patron.barcode,
          itemBarcode: item.barcode,
          at,
        }),
      );
      expect(error).toMatchObject({ code: 'ITEM_NOT_LOANABLE', details: { status } });
    }
    const damaged = await library.item({ status: 'damaged' });
    const patron = await library.patron();
    const lentOnConfirmation: unknown[] = [];
    const asked = {
      db: database.db,
      actor,
      patronBarcode: patron.barcode,
      itemBarcode: damaged.barcode,
      at,
      onDamagedLent: (lent: unknown) => lentOnConfirmation.push(lent),
    };
    const needsALook = await refusal(checkOut(asked));
    expect(needsALook).toMatchObject({ code: 'ITEM_NEEDS_A_LOOK', details: { status: 'damaged' } });
    expect(await openLoans(damaged.id)).toHaveLength(0);
    expect(lentOnConfirmation).toEqual([]);

    const result = await checkOut({ ...asked, confirmDamaged: true });
    expect(await openLoans(damaged.id)).toHaveLength(1);
    // No column holds the confirmation: the server's log does, with who lent it.
    expect(lentOnConfirmation).toEqual([
      {
        loanId: result.loan.id,
        itemBarcode: damaged.barcode,
        staffUserId: actor.staffUserId,
        workstationId: actor.workstationId,
      },
    ]);
  });

  it('refuses when no loan rule covers the patron type and material type', async () => {
    const materialType = await buildMaterialType(database.db, { name: 'Reference' });
    const item = await buildItem(database.db, {
      material_type_id: materialType.id,
      branch_id: library.branch.id,
    });
    const patron = await library.patron();
    const error = await refusal(
      checkOut({
        db: database.db,
        actor: await library.actor(),
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        at,
      }),
    );
    expect(error.code).toBe('NO_LOAN_RULE');
    expect(error.message).toContain('Reference');
  });

  it('uses the lending branch’s own rule over the library-wide one', async () => {
    const materialType = await buildMaterialType(database.db, { name: 'DVDs' });
    await buildLoanRule(database.db, {
      patron_type_id: library.patronTypeId,
      material_type_id: materialType.id,
      loan_days: 21,
    });
    await buildLoanRule(database.db, {
      patron_type_id: library.patronTypeId,
      material_type_id: materialType.id,
      branch_id: library.branch.id,
      loan_days: 7,
    });
    const item = await buildItem(database.db, {
      material_type_id: materialType.id,
      branch_id: library.branch.id,
    });
    const result = await checkOut({
      db: database.db,
      actor: await library.actor(),
      patronBarcode: (await library.patron()).barcode,
      itemBarcode: item.barcode,
      at,
    });
    // 9 March 2026 23:59 CDT.
    expect(result.loan.dueAt).toBe(Date.UTC(2026, 2, 10, 4, 59));
  });

  it('refuses past the material type’s limit, saying the limit, and counts only open loans', async () => {
    const actor = await library.actor();
    const patron = await library.patron();
    const items = [];
    for (let i = 0; i <= MAX_ITEMS; i += 1) items.push(await library.item());
    for (const item of items.slice(0, MAX_ITEMS)) {
      await checkOut({
        db: database.db,
        actor,
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        at,
      });
    }
    const last = items[MAX_ITEMS]!;
    const error = await refusal(
      checkOut({
        db: database.db,
        actor,
        patronBarcode: patron.barcode,
        itemBarcode: last.barcode,
        at,
      }),
    );
    expect(error).toMatchObject({ code: 'MAX_ITEMS_REACHED', details: { limit: MAX_ITEMS } });
    expect(error.message).toContain(`(${MAX_ITEMS})`);

    await checkIn({ db: database.db, actor, itemBarcode: items[0]!.barcode, at: at + HOUR_MS });
    await checkOut({
      db: database.db,
      actor,
      patronBarcode: patron.barcode,
      itemBarcode: last.barcode,
      at,
    });
    expect(await openLoans(last.id)).toHaveLength(1);
  });

  describe('an item already on loan', () => {
    it('says so when it is already on this patron’s card', async () => {
      const actor = await library.actor('supervisor');
      const patron = await library.patron();
      const item = await library.item();
      await checkOut({
        db: database.db,
        actor,
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        at,
      });
      const error = await refusal(
        checkOut({
          db: database.db,
          actor,
          patronBarcode: patron.barcode,
          itemBarcode: item.barcode,
          at: at + HOUR_MS,
          override: true,
        }),
      );
      expect(error.code).toBe('ITEM_ON_LOAN');
      expect(error.message).toMatch(/already on this patron's card/);
    });

    it('refuses without override, naming who has it and since when', async () => {
      const actor = await library.actor();
      const first = await library.patron();
      const second = await library.patron();
      const item = await library.item();
      await checkOut({
        db: database.db,
        actor,
        patronBarcode: first.barcode,
        itemBarcode: item.barcode,
        at,
      });
      const error = await refusal(
        checkOut({
          db: database.db,
          actor,
          patronBarcode: second.barcode,
          itemBarcode: item.barcode,
          at,
        }),
      );
      expect(error).toMatchObject({
        code: 'ITEM_ON_LOAN',
        status: 409,
        details: { patronBarcode: first.barcode, patronName: first.name, checkedOutAt: at },
      });
      expect(error.message).toContain(first.name);
      // Noon in Chicago, where the loan was made.
      expect(error.message).toContain('since Mon 2 Mar 2026, 12:00');
    });

    it('lets a supervisor override: the old loan is checked in at the same instant', async () => {
      const actor = await library.actor('supervisor');
      const first = await library.patron();
      const second = await library.patron();
      const item = await library.item();
      const original = await checkOut({
        db: database.db,
        actor,
        patronBarcode: first.barcode,
        itemBarcode: item.barcode,
        at,
      });
      const later = at + 2 * HOUR_MS;
      const result = await checkOut({
        db: database.db,
        actor,
        patronBarcode: second.barcode,
        itemBarcode: item.barcode,
        at: later,
        override: true,
      });
      expect(result.replacedLoan).toMatchObject({
        id: original.loan.id,
        patron: { id: first.id },
        returnedAt: later,
      });
      expect(result.loan.patron.id).toBe(second.id);
      const [open] = await openLoans(item.id);
      expect(open?.patron_id).toBe(second.id);
      const closed = await database.db
        .selectFrom('loans')
        .select('returned_at')
        .where('id', '=', original.loan.id)
        .executeTakeFirstOrThrow();
      expect(closed.returned_at).toBe(later);
    });

    it('refuses the override to circulation staff (FORBIDDEN) and leaves the loan alone', async () => {
      const actor = await library.actor('circulation');
      const first = await library.patron();
      const second = await library.patron();
      const item = await library.item();
      await checkOut({
        db: database.db,
        actor,
        patronBarcode: first.barcode,
        itemBarcode: item.barcode,
        at,
      });
      const error = await refusal(
        checkOut({
          db: database.db,
          actor,
          patronBarcode: second.barcode,
          itemBarcode: item.barcode,
          at,
          override: true,
        }),
      );
      expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      const [open] = await openLoans(item.id);
      expect(open?.patron_id).toBe(first.id);
    });
  });

  it('lets exactly one of several simultaneous check-outs of one item succeed', async () => {
    const actor = await library.actor();
    const item = await library.item();
    const patrons = [];
    for (let i = 0; i < 6; i += 1) patrons.push(await library.patron());
    const outcomes = await Promise.allSettled(
      patrons.map((patron) =>
        checkOut({
          db: database.db,
          actor,
          patronBarcode: patron.barcode,
          itemBarcode: item.barcode,
          at,
        }),
      ),
    );
    const lent = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [(outcome.reason as CircaError).code] : [],
    );
    expect(lent).toHaveLength(1);
    expect(refused).toEqual(Array(patrons.length - 1).fill('ITEM_ON_LOAN'));
    expect(await openLoans(item.id)).toHaveLength(1);
  });

  it('tells a double scan of the same item for the same patron that it is already on the card', async () => {
    const actor = await library.actor();
    const item = await library.item();
    const patron = await library.patron();
    const scan = () =>
      checkOut({
        db: database.db,
        actor,
        patronBarcode: patron.barcode,
        itemBarcode: item.barcode,
        at,
      });
    const outcomes = await Promise.allSettled([scan(), scan(), scan()]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const messages = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [(outcome.reason as CircaError).message] : [],
    );
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message).toMatch(/already on this patron's card/);
    expect(await openLoans(item.id)).toHaveLength(1);
  });
});

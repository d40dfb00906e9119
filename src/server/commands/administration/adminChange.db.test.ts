import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMAND_LINE_ACTOR } from '../../db/auditLog.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../../testing/engines.ts';
import { audited, existingRecord, inChange, refuseTakenCode } from './adminChange.ts';

describeEachEngine('administration change steps', (engine) => {
  let test: TestDatabase;
  let bookId: number;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
    const book = await test.db
      .insertInto('material_types')
      .values({ code: 'BOOK', name: 'Book' })
      .returning('id')
      .executeTakeFirstOrThrow();
    bookId = book.id;
  });
  afterAll(() => test.dispose());

  it('finds the record a change is for, or refuses with a 404 that names what is gone', async () => {
    await inChange(test.db, async (trx) => {
      const found = await existingRecord(trx, 'material_types', bookId, 'material type');
      expect(found).toMatchObject({ id: bookId, code: 'BOOK', name: 'Book' });
      await expect(
        existingRecord(trx, 'material_types', 9999, 'material type'),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
        message: 'No material type has the id 9999. Reload the list: it may have been removed.',
      });
    });
  });

  it('refuses a code taken in any letter case, naming the code as stored', async () => {
    await inChange(test.db, async (trx) => {
      await expect(
        refuseTakenCode(trx, 'material_types', 'book', 'material type'),
      ).rejects.toMatchObject({
        code: 'ALREADY_EXISTS',
        status: 409,
        message:
          'A material type with the code BOOK exists already: choose another code, or edit that material type.',
        details: { field: 'code' },
      });
      await expect(refuseTakenCode(trx, 'material_types', 'DVD', 'material type')).resolves.toBe(
        undefined,
      );
    });
  });

  it('writes the audit entry with the change and answers with the record after it', async () => {
    const after = await inChange(test.db, (trx) =>
      audited(
        trx,
        { actor: COMMAND_LINE_ACTOR, at: 1_700_000_000_000 },
        {
          action: 'materialType.update',
          subjectType: 'material_type',
          subjectId: bookId,
          before: { name: 'Book' },
          after: { name: 'Books' },
        },
      ),
    );
    expect(after).toEqual({ name: 'Books' });
    const entry = await test.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'materialType.update')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor: 'command line',
      staff_user_id: null,
      subject_type: 'material_type',
      subject_id: String(bookId),
      before: JSON.stringify({ name: 'Book' }),
      after: JSON.stringify({ name: 'Books' }),
    });
    expect(Number(entry.at)).toBe(1_700_000_000_000);
  });

  it('writes no audit entry when the change fails after it', async () => {
    await expect(
      inChange(test.db, async (trx) => {
        await audited(
          trx,
          { actor: COMMAND_LINE_ACTOR, at: 1 },
          {
            action: 'branch.update',
            subjectType: 'branch',
            subjectId: 1,
            before: null,
            after: null,
          },
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const entries = await test.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'branch.update')
      .execute();
    expect(entries).toEqual([]);
  });
});

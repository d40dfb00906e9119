import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkBarcode, DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from './engines.ts';
import {
  buildBranch,
  buildItem,
  buildLoanRule,
  buildPatron,
  buildStaffUser,
  buildWorkstation,
  TEST_STAFF_PASSWORD,
} from './factories.ts';

describeEachEngine('factories', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(engine);
  });
  afterAll(() => test.dispose());

  it('build patrons and items with distinct barcodes valid under the demo rules', async () => {
    const patrons = [await buildPatron(test.db), await buildPatron(test.db)];
    const items = [await buildItem(test.db), await buildItem(test.db)];
    for (const patron of patrons) {
      expect(checkBarcode('patron', patron.barcode, DEMO_BARCODE_RULES)).toMatchObject({
        ok: true,
      });
    }
    for (const item of items) {
      expect(checkBarcode('item', item.barcode, DEMO_BARCODE_RULES)).toMatchObject({ ok: true });
    }
    expect(new Set(patrons.map((p) => p.barcode)).size).toBe(2);
    expect(patrons[0]).toMatchObject({ block_reason: null, expires_on: '2099-12-31' });
    expect(items[0]).toMatchObject({ status: 'available' });
  });

  it('use what they are given and create only what is missing', async () => {
    const branch = await buildBranch(test.db, { code: 'NORTH', time_zone: 'Europe/Berlin' });
    const rule = await buildLoanRule(test.db, { branch_id: branch.id, loan_days: 7 });
    const item = await buildItem(test.db, {
      branch_id: branch.id,
      material_type_id: rule.material_type_id,
      title: 'Middlemarch',
    });
    const patron = await buildPatron(test.db, {
      home_branch_id: branch.id,
      patron_type_id: rule.patron_type_id,
      block_reason: 'Lost card',
    });
    const workstation = await buildWorkstation(test.db, { branch_id: branch.id });
    expect(rule).toMatchObject({ branch_id: branch.id, loan_days: 7, max_items: 10 });
    expect(item).toMatchObject({ branch_id: branch.id, title: 'Middlemarch' });
    expect(patron).toMatchObject({ home_branch_id: branch.id, block_reason: 'Lost card' });
    expect(workstation.branch_id).toBe(branch.id);
  });

  it('give staff users a real password hash for the test password or the one named', async () => {
    const desk = await buildStaffUser(test.db);
    const admin = await buildStaffUser(test.db, { role: 'admin', password: 'another one' });
    expect(desk.role).toBe('circulation');
    expect(await verifyPassword(TEST_STAFF_PASSWORD, desk.password_hash)).toBe(true);
    expect(await verifyPassword('another one', admin.password_hash)).toBe(true);
    expect(admin.role).toBe('admin');
  });
});

// The library's barcode rules for patron cards and items: read, and replaced after checking that
// they can work at a desk. Check-out reads them per request; offline clients get them with their
// next snapshot. Barcodes already stored are not re-checked.
import type { BarcodeRules } from '../../../shared/barcodes/barcodes.ts';
import { recordAudit } from '../../db/auditLog.ts';
import { inChange, type AdminChangeProps } from './adminChange.ts';

const SETTINGS_ROW = 1;

export async function changeBarcodeRules(
  props: AdminChangeProps & { rules: BarcodeRules },
): Promise<BarcodeRules> {
  const { actor, at, rules } = props;
  return inChange(props.db, async (trx) => {
    const row = await trx
      .selectFrom('library_settings')
      .select('barcode_rules')
      .where('id', '=', SETTINGS_ROW)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('library_settings')
      .set({ barcode_rules: JSON.stringify(rules) })
      .where('id', '=', SETTINGS_ROW)
      .execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'barcodeRules.update',
      subjectType: 'barcode_rules',
      subjectId: null,
      before: JSON.parse(row.barcode_rules) as unknown,
      after: rules,
    });
    return rules;
  });
}

// Patron types (with the months a new or renewed card is valid) and material types: add one, or
// change its name (and card period). A code never changes: loan rules, imports and offline
// snapshots name types by it.
import type {
  MaterialTypeChange,
  MaterialTypeRecord,
  NewMaterialType,
  NewPatronType,
  PatronTypeChange,
  PatronTypeRecord,
} from '../../../shared/api/administration.ts';
import { presentMaterialType, presentPatronType } from '../../presenters/administration.ts';
import {
  audited,
  existingRecord,
  inChange,
  refuseTakenCode,
  type AdminChangeProps,
} from './adminChange.ts';

export async function createPatronType(
  props: AdminChangeProps & { patronType: NewPatronType },
): Promise<PatronTypeRecord> {
  const { patronType } = props;
  return inChange(props.db, async (trx) => {
    await refuseTakenCode(trx, 'patron_types', patronType.code, 'patron type');
    const row = await trx
      .insertInto('patron_types')
      .values({ code: patronType.code, name: patronType.name, card_months: patronType.cardMonths })
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'patronType.create',
      subjectType: 'patron_type',
      subjectId: row.id,
      before: null,
      after: presentPatronType(row),
    });
  });
}

export async function changePatronType(
  props: AdminChangeProps & { id: number; change: PatronTypeChange },
): Promise<PatronTypeRecord> {
  const { id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await existingRecord(trx, 'patron_types', id, 'patron type');
    const row = await trx
      .updateTable('patron_types')
      .set({ name: change.name, card_months: change.cardMonths })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'patronType.update',
      subjectType: 'patron_type',
      subjectId: id,
      before: presentPatronType(existing),
      after: presentPatronType(row),
    });
  });
}

export async function createMaterialType(
  props: AdminChangeProps & { materialType: NewMaterialType },
): Promise<MaterialTypeRecord> {
  const { materialType } = props;
  return inChange(props.db, async (trx) => {
    await refuseTakenCode(trx, 'material_types', materialType.code, 'material type');
    const row = await trx
      .insertInto('material_types')
      .values({ code: materialType.code, name: materialType.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'materialType.create',
      subjectType: 'material_type',
      subjectId: row.id,
      before: null,
      after: presentMaterialType(row),
    });
  });
}

export async function changeMaterialType(
  props: AdminChangeProps & { id: number; change: MaterialTypeChange },
): Promise<MaterialTypeRecord> {
  const { id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await existingRecord(trx, 'material_types', id, 'material type');
    const row = await trx
      .updateTable('material_types')
      .set({ name: change.name })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(trx, props, {
      action: 'materialType.update',
      subjectType: 'material_type',
      subjectId: id,
      before: presentMaterialType(existing),
      after: presentMaterialType(row),
    });
  });
}

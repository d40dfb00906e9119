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
import { recordAudit } from '../../db/auditLog.ts';
import { presentMaterialType, presentPatronType } from '../../presenters/administration.ts';
import {
  alreadyExists,
  inChange,
  lowerOf,
  notFound,
  type AdminChangeProps,
  type Trx,
} from './adminChange.ts';

async function refuseTakenCode(
  trx: Trx,
  table: 'patron_types' | 'material_types',
  code: string,
  what: string,
): Promise<void> {
  const taken = await trx
    .selectFrom(table)
    .select('code')
    .where(lowerOf('code'), '=', code.toLowerCase())
    .executeTakeFirst();
  if (taken) {
    throw alreadyExists(
      `A ${what} with the code ${taken.code} exists already: choose another code, or edit that ${what}.`,
      { field: 'code' },
    );
  }
}

export async function createPatronType(
  props: AdminChangeProps & { patronType: NewPatronType },
): Promise<PatronTypeRecord> {
  const { actor, at, patronType } = props;
  return inChange(props.db, async (trx) => {
    await refuseTakenCode(trx, 'patron_types', patronType.code, 'patron type');
    const row = await trx
      .insertInto('patron_types')
      .values({ code: patronType.code, name: patronType.name, card_months: patronType.cardMonths })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentPatronType(row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'patronType.create',
      subjectType: 'patron_type',
      subjectId: row.id,
      before: null,
      after,
    });
    return after;
  });
}

export async function changePatronType(
  props: AdminChangeProps & { id: number; change: PatronTypeChange },
): Promise<PatronTypeRecord> {
  const { actor, at, id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await trx
      .selectFrom('patron_types')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!existing) throw notFound('patron type', id);
    const row = await trx
      .updateTable('patron_types')
      .set({ name: change.name, card_months: change.cardMonths })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentPatronType(row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'patronType.update',
      subjectType: 'patron_type',
      subjectId: id,
      before: presentPatronType(existing),
      after,
    });
    return after;
  });
}

export async function createMaterialType(
  props: AdminChangeProps & { materialType: NewMaterialType },
): Promise<MaterialTypeRecord> {
  const { actor, at, materialType } = props;
  return inChange(props.db, async (trx) => {
    await refuseTakenCode(trx, 'material_types', materialType.code, 'material type');
    const row = await trx
      .insertInto('material_types')
      .values({ code: materialType.code, name: materialType.name })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentMaterialType(row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'materialType.create',
      subjectType: 'material_type',
      subjectId: row.id,
      before: null,
      after,
    });
    return after;
  });
}

export async function changeMaterialType(
  props: AdminChangeProps & { id: number; change: MaterialTypeChange },
): Promise<MaterialTypeRecord> {
  const { actor, at, id, change } = props;
  return inChange(props.db, async (trx) => {
    const existing = await trx
      .selectFrom('material_types')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!existing) throw notFound('material type', id);
    const row = await trx
      .updateTable('material_types')
      .set({ name: change.name })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = presentMaterialType(row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'materialType.update',
      subjectType: 'material_type',
      subjectId: id,
      before: presentMaterialType(existing),
      after,
    });
    return after;
  });
}

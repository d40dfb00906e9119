// What differs between importing patrons and importing items: how a row is mapped, how the stored
// rows are found, and how one is written. previewImport.ts and applyImport.ts work on either.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BarcodeKind } from '../../shared/barcodes/barcodes.ts';
import {
  mapItemRow,
  resolveItem,
  sameItem,
  type ItemCandidate,
  type ItemRecord,
} from '../../shared/imports/itemRows.ts';
import {
  mapPatronRow,
  resolvePatron,
  samePatron,
  type PatronCandidate,
  type PatronRecord,
} from '../../shared/imports/patronRows.ts';
import type { CodeTable, Mapped } from '../../shared/imports/rowFields.ts';
import { localDate } from '../../shared/calendar/localTime.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
import type { Database } from '../db/schema.ts';
import type { ImportEntry } from './importEntries.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ImportTarget<C extends { barcode: string }, R extends { barcode: string }> {
  barcodeKind: BarcodeKind;
  map(entry: Extract<ImportEntry, { row: unknown }>): Mapped<C>;
  stored(db: Db, barcodes: readonly string[]): Promise<Map<string, R>>;
  resolve(candidate: C, stored: R | null): R;
  same(a: R, b: R): boolean;
  /** Inserts new rows and updates existing ones by barcode, in one statement per batch. */
  write(db: Db, rows: readonly R[]): Promise<void>;
}

export type AnyImportTarget = ImportTarget<{ barcode: string }, { barcode: string }>;

function codeTable<T extends { id: number }>(label: string, rows: (T & { code: string })[]) {
  return { label, byCode: new Map(rows.map((row) => [row.code, row])) } satisfies CodeTable<T>;
}

export async function patronTarget(
  db: Kysely<Database>,
  now: number,
): Promise<ImportTarget<PatronCandidate, PatronRecord>> {
  const { barcodeRules } = await getLibrarySettings(db);
  const branches = await db.selectFrom('branches').select(['id', 'code', 'time_zone']).execute();
  const patronTypes = await db
    .selectFrom('patron_types')
    .select(['id', 'code', 'card_months as cardMonths'])
    .execute();
  // A new card runs from today at the patron's home branch.
  const todayAt = new Map(branches.map((b) => [b.id, localDate(now, b.time_zone)]));
  const ctx = {
    rules: barcodeRules,
    patronTypes: codeTable('patron type', patronTypes),
    branches: codeTable('branch', branches),
    today: localDate(now, 'UTC'),
  };
  return {
    barcodeKind: 'patron',
    map: (entry) => mapPatronRow(entry.row, ctx),
    async stored(into, barcodes) {
      const rows = await into
        .selectFrom('patrons')
        .select([
          'barcode',
          'name',
          'patron_type_id',
          'home_branch_id',
          'expires_on',
          'block_reason',
          'email',
          'phone',
          'address',
        ])
        .where('barcode', 'in', barcodes)
        .execute();
      return new Map(rows.map((row) => [row.barcode, row]));
    },
    resolve: (candidate, stored) =>
      resolvePatron(candidate, stored, todayAt.get(candidate.home_branch_id) ?? ctx.today),
    same: samePatron,
    async write(into, rows) {
      await into
        .insertInto('patrons')
        .values(rows.map((row) => ({ ...row })))
        .onConflict((oc) =>
          oc.column('barcode').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            patron_type_id: eb.ref('excluded.patron_type_id'),
            home_branch_id: eb.ref('excluded.home_branch_id'),
            expires_on: eb.ref('excluded.expires_on'),
            block_reason: eb.ref('excluded.block_reason'),
            email: eb.ref('excluded.email'),
            phone: eb.ref('excluded.phone'),
            address: eb.ref('excluded.address'),
          })),
        )
        .execute();
    },
  };
}

export async function itemTarget(
  db: Kysely<Database>,
): Promise<ImportTarget<ItemCandidate, ItemRecord>> {
  const { barcodeRules } = await getLibrarySettings(db);
  const branches = await db.selectFrom('branches').select(['id', 'code']).execute();
  const materialTypes = await db.selectFrom('material_types').select(['id', 'code']).execute();
  const ctx = {
    rules: barcodeRules,
    materialTypes: codeTable('material type', materialTypes),
    branches: codeTable('branch', branches),
  };
  return {
    barcodeKind: 'item',
    map: (entry) => mapItemRow(entry.row, ctx, entry.names),
    async stored(into, barcodes) {
      const rows = await into
        .selectFrom('items')
        .select([
          'barcode',
          'title',
          'author',
          'call_number',
          'material_type_id',
          'branch_id',
          'status',
        ])
        .where('barcode', 'in', barcodes)
        .execute();
      return new Map(rows.map((row) => [row.barcode, row as ItemRecord]));
    },
    resolve: resolveItem,
    same: sameItem,
    async write(into, rows) {
      await into
        .insertInto('items')
        .values(rows.map((row) => ({ ...row })))
        .onConflict((oc) =>
          oc.column('barcode').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            author: eb.ref('excluded.author'),
            call_number: eb.ref('excluded.call_number'),
            material_type_id: eb.ref('excluded.material_type_id'),
            branch_id: eb.ref('excluded.branch_id'),
            // A loan decides whether an item is on loan, never a file (itemRows.ts).
            status: sql<
              ItemRecord['status']
            >`case when items.status = 'on_loan' then items.status else excluded.status end`,
          })),
        )
        .execute();
    },
  };
}

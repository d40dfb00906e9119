// Puts the generated demo library into an empty database in one transaction, so a start that fails
// halfway leaves no half library behind, and a second start (or a second server) adds nothing.
import type { Kysely, Transaction } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { engineOf } from '../db/connect.ts';
import { saveLibrarySettings } from '../db/librarySettings.ts';
import type { Database } from '../db/schema.ts';
import { generateDemoLibrary, type DemoLibrary } from './generate.ts';

export interface SeedDemoOptions {
  /** scrypt cost for the staff passwords; tests pass 2**10. Production cost when absent. */
  passwordCost?: number;
  /** The moment the demo library is seeded (epoch ms): card expiry and loan times count from it. */
  now?: number;
}

/** Rolls the transaction back when another start seeded first. */
class AlreadySeeded extends Error {}

/** Seeds the demo library when the database has no branches; otherwise changes nothing. */
export async function seedDemoLibraryIfEmpty(
  db: Kysely<Database>,
  options: SeedDemoOptions = {},
): Promise<{ seeded: boolean }> {
  // Cheap check first: most starts find a library and should not pay for hashing passwords.
  if (await hasBranches(db)) return { seeded: false };
  const now = options.now ?? Date.now();
  const library = generateDemoLibrary(now);
  const passwordHashes = await Promise.all(
    library.staff.map((staff) => hashPassword(staff.password, options.passwordCost)),
  );
  try {
    await db.transaction().execute(async (trx) => {
      // Writing the settings row first takes the write lock on both engines (SQLite's database lock,
      // PostgreSQL's row lock), so two servers starting together seed one after the other and the
      // second sees the first one's branches below.
      await saveLibrarySettings(trx, library.settings);
      if (await hasBranches(trx)) throw new AlreadySeeded();
      await insertLibrary(trx, library, passwordHashes, now);
    });
  } catch (error) {
    if (error instanceof AlreadySeeded) return { seeded: false };
    throw error;
  }
  return { seeded: true };
}

async function hasBranches(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('branches').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Rows of `columns` values in as few INSERTs as the engine's bound-parameter limit allows. */
function batches<T>(trx: Transaction<Database>, rows: readonly T[], columns: number): T[][] {
  return chunked(rows, rowsPerStatement(engineOf(trx), columns));
}

/** Looks up an id by code, failing loudly: a miss is a bug in the generator, not bad input. */
function idLookup(rows: ReadonlyArray<{ id: number; key: string }>): (key: string) => number {
  const ids = new Map(rows.map((row) => [row.key, row.id]));
  return (key) => {
    const id = ids.get(key);
    if (id === undefined)
      throw new Error(`The demo library refers to "${key}", which it never made.`);
    return id;
  };
}

async function insertLibrary(
  trx: Transaction<Database>,
  library: DemoLibrary,
  passwordHashes: readonly string[],
  now: number,
): Promise<void> {
  const branchId = idLookup(
    await trx
      .insertInto('branches')
      .values(
        library.branches.map((b) => ({
          code: b.code,
          name: b.name,
          time_zone: b.timeZone,
          closed_weekdays: b.closedWeekdays.join(','),
        })),
      )
      .returning(['id', 'code as key'])
      .execute(),
  );
  for (const batch of batches(trx, library.closedDays, 3)) {
    await trx
      .insertInto('closed_days')
      .values(batch.map((d) => ({ branch_id: branchId(d.branch), date: d.date, reason: d.reason })))
      .execute();
  }
  const patronTypeId = idLookup(
    await trx
      .insertInto('patron_types')
      .values(library.patronTypes.map((t) => ({ code: t.code, name: t.name })))
      .returning(['id', 'code as key'])
      .execute(),
  );
  const materialTypeId = idLookup(
    await trx
      .insertInto('material_types')
      .values(library.materialTypes.map((t) => ({ code: t.code, name: t.name })))
      .returning(['id', 'code as key'])
      .execute(),
  );
  await trx
    .insertInto('loan_rules')
    .values(
      library.loanRules.map((r) => ({
        patron_type_id: patronTypeId(r.patronType),
        material_type_id: materialTypeId(r.materialType),
        branch_id: r.branch === null ? null : branchId(r.branch),
        loan_days: r.loanDays,
        max_items: r.maxItems,
      })),
    )
    .execute();

  const patronRows: Array<{ id: number; key: string }> = [];
  for (const batch of batches(trx, library.patrons, 6)) {
    patronRows.push(
      ...(await trx
        .insertInto('patrons')
        .values(
          batch.map((p) => ({
            barcode: p.barcode,
            name: p.name,
            patron_type_id: patronTypeId(p.patronType),
            home_branch_id: branchId(p.homeBranch),
            expires_on: p.expiresOn,
            block_reason: p.blockReason,
          })),
        )
        .returning(['id', 'barcode as key'])
        .execute()),
    );
  }
  const patronId = idLookup(patronRows);

  const itemRows: Array<{ id: number; key: string }> = [];
  for (const batch of batches(trx, library.items, 7)) {
    itemRows.push(
      ...(await trx
        .insertInto('items')
        .values(
          batch.map((i) => ({
            barcode: i.barcode,
            title: i.title,
            author: i.author,
            call_number: i.callNumber,
            material_type_id: materialTypeId(i.materialType),
            branch_id: branchId(i.branch),
            status: i.status,
          })),
        )
        .returning(['id', 'barcode as key'])
        .execute()),
    );
  }
  const itemId = idLookup(itemRows);

  const staffId = idLookup(
    await trx
      .insertInto('staff_users')
      .values(
        library.staff.map((s, index) => ({
          username: s.username,
          display_name: s.displayName,
          password_hash: passwordHashes[index]!,
          role: s.role,
          branch_id: branchId(s.branch),
        })),
      )
      .returning(['id', 'username as key'])
      .execute(),
  );
  const workstation = await trx
    .insertInto('workstations')
    .values({
      name: library.workstation.name,
      branch_id: branchId(library.workstation.branch),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // The circulation desk lent every demo loan; at the Central Library, from its one workstation.
  const desk = library.staff.find((s) => s.role === 'circulation');
  if (!desk) throw new Error('The demo library has no circulation desk sign-in to lend its loans.');
  const lender = staffId(desk.username);
  for (const batch of batches(trx, library.loans, 9)) {
    await trx
      .insertInto('loans')
      .values(
        batch.map((l) => ({
          item_id: itemId(l.itemBarcode),
          patron_id: patronId(l.patronBarcode),
          checked_out_at: l.checkedOutAt,
          due_at: l.dueAt,
          returned_at: null,
          branch_id: branchId(l.branch),
          staff_user_id: lender,
          workstation_id: l.branch === library.workstation.branch ? workstation.id : null,
          source: 'online' as const,
        })),
      )
      .execute();
  }
}

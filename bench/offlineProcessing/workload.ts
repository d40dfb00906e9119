// The offline transactions the processing benchmark sends: check-outs recorded by many workstations
// during an outage, in time order, with the realistic mix of the upload issue: 1% unknown item
// barcodes, 5% items already on loan (lent earlier in the outage or before it), the rest items on
// the shelf. Generated from the index alone, so any run (and any engine) sees the same data, and a
// million can stream through in rounds without ever being held in memory at once.
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { OfflineCheckOut } from '../../src/shared/offline/transaction.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { DEMO_ITEM_COUNT, demoBarcode } from '../../src/server/demo/collection.ts';

const DAY_MS = 86_400_000;
const LOAN_DAYS = 21;
/** Per 100 transactions. */
const UNKNOWN_PER_100 = 1;
const ON_LOAN_PER_100 = 5;
/** An item already on loan is one lent this many transactions earlier (or before the outage). */
const ON_LOAN_LOOKBACK = 1_000;
/** How many lookbacks to try before taking an item lent before the outage. */
const ON_LOAN_TRIES = 3;
/** Unknown barcodes: valid-looking item barcodes far past any item the library has. */
export const UNKNOWN_BARCODE_BASE = 50_000_000;

export type TransactionKind = 'shelf' | 'onLoan' | 'unknown';

/** What the library holds that the workload lends from (same on every engine: seeded the same). */
export interface LibraryPools {
  branchCode: string;
  staffUsername: string;
  /** Every patron barcode (some expired or blocked: those loans apply with a warning). */
  patrons: string[];
  /** Items on the shelf when the outage starts, in lending order (demo items, then added ones). */
  shelf: ShelfItems;
  /** Items on loan before the outage started. */
  onLoanBefore: string[];
}

/** The demo library's available items, then as many added ones as the workload needs. */
export interface ShelfItems {
  demo: string[];
  /** Index of the first added item (demoBarcode('item', firstAdded + k)). */
  firstAdded: number;
}

export function shelfItem(shelf: ShelfItems, index: number): string {
  return index < shelf.demo.length
    ? shelf.demo[index]!
    : demoBarcode('item', shelf.firstAdded + index - shelf.demo.length);
}

/** A fixed mix of the index (splitmix-style), so kinds and patrons do not follow a pattern. */
export function mix(i: number, salt: number): number {
  let x = Math.imul(i ^ salt, 0x9e3779b1);
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x >>> 0;
}

export function kindOf(i: number): TransactionKind {
  const r = mix(i, 0x51ed) % 100;
  if (r < UNKNOWN_PER_100) return 'unknown';
  if (r < UNKNOWN_PER_100 + ON_LOAN_PER_100) return 'onLoan';
  return 'shelf';
}

export interface WorkloadShape {
  total: number;
  workstations: number;
  /** When the outage started (epoch ms); transactions spread evenly over `spanMs`. */
  startMs: number;
  spanMs: number;
}

/**
 * Streams transactions 0 … total-1 in time order. Keeps only the last few thousand item barcodes
 * (for "already on loan"), so memory does not grow with the total.
 */
export function createWorkload(pools: LibraryPools, shape: WorkloadShape) {
  const ringSize = ON_LOAN_LOOKBACK * ON_LOAN_TRIES;
  const lentAt: (string | undefined)[] = Array.from({ length: ringSize });
  const sequences: number[] = Array.from({ length: shape.workstations }, () => 0);
  let shelfNext = 0;
  let next = 0;
  const step = shape.spanMs / shape.total;

  function itemFor(i: number, kind: TransactionKind): string {
    if (kind === 'unknown') return demoBarcode('item', UNKNOWN_BARCODE_BASE + i);
    if (kind === 'shelf') return shelfItem(pools.shelf, shelfNext++);
    for (let back = 1; back <= ON_LOAN_TRIES; back++) {
      const j = i - back * ON_LOAN_LOOKBACK;
      if (j >= 0 && kindOf(j) === 'shelf') return lentAt[j % ringSize]!;
    }
    return pools.onLoanBefore[i % pools.onLoanBefore.length]!;
  }

  return {
    /** The next `count` transactions (fewer at the end). */
    take(count: number): OfflineCheckOut[] {
      const out: OfflineCheckOut[] = [];
      for (; out.length < count && next < shape.total; next++) {
        const i = next;
        const kind = kindOf(i);
        const itemBarcode = itemFor(i, kind);
        lentAt[i % ringSize] = itemBarcode;
        const w = i % shape.workstations;
        const occurredAt = Math.floor(shape.startMs + i * step);
        out.push({
          id: uuidv7({ msecs: occurredAt }),
          type: 'check_out',
          sequence: ++sequences[w]!,
          workstation: workstationName(w),
          branchCode: pools.branchCode,
          staffUsername: pools.staffUsername,
          // Workstation clocks a second or two apart, as real ones are.
          clockOffsetMs: ((w % 5) - 2) * 1_000,
          occurredAt,
          patronBarcode: pools.patrons[mix(i, 0x7a7) % pools.patrons.length]!,
          itemBarcode,
          dueAt: occurredAt + LOAN_DAYS * DAY_MS,
          dueDateBasis: { kind: 'rule', loanDays: LOAN_DAYS },
        });
      }
      return out;
    },
    /** Items taken from the shelf so far. */
    shelfUsed: () => shelfNext,
  };
}

export function workstationName(index: number): string {
  return `OUTAGE-${String(index + 1).padStart(3, '0')}`;
}

/** Shelf items a workload of `total` transactions takes at most. */
export function shelfItemsNeeded(total: number): number {
  let count = 0;
  for (let i = 0; i < total; i++) if (kindOf(i) === 'shelf') count++;
  return count;
}

/** The pools of a freshly seeded demo library (the same on every engine and every run). */
export async function libraryPools(
  db: Kysely<Database>,
  outageStartMs: number,
): Promise<LibraryPools> {
  const branch = await db
    .selectFrom('branches')
    .select('code')
    .where('code', '=', 'MAIN')
    .executeTakeFirstOrThrow();
  const patrons = await db.selectFrom('patrons').select('barcode').orderBy('barcode').execute();
  const shelf = await db
    .selectFrom('items')
    .select('barcode')
    .where('status', '=', 'available')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('loans')
            .select('loans.id')
            .whereRef('loans.item_id', '=', 'items.id')
            .where('loans.returned_at', 'is', null),
        ),
      ),
    )
    .orderBy('barcode')
    .execute();
  const onLoan = await db
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .select('items.barcode')
    .where('loans.returned_at', 'is', null)
    // Lent before the outage began, so checking it in at an offline time is in order.
    .where('loans.checked_out_at', '<', outageStartMs)
    .orderBy('items.barcode')
    .execute();
  return {
    branchCode: branch.code,
    staffUsername: 'desk',
    patrons: patrons.map((p) => p.barcode),
    shelf: { demo: shelf.map((i) => i.barcode), firstAdded: DEMO_ITEM_COUNT },
    onLoanBefore: onLoan.map((l) => l.barcode),
  };
}

/** Adds `count` books to the MAIN branch after the demo items, so every shelf check-out has one. */
export async function addShelfItems(db: Kysely<Database>, count: number): Promise<void> {
  const { id: branchId } = await db
    .selectFrom('branches')
    .select('id')
    .where('code', '=', 'MAIN')
    .executeTakeFirstOrThrow();
  const { id: bookId } = await db
    .selectFrom('material_types')
    .select('id')
    .where('code', '=', 'BOOK')
    .executeTakeFirstOrThrow();
  const ROWS_PER_STATEMENT = 4_000;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += ROWS_PER_STATEMENT) {
      const rows = [];
      for (let k = start; k < Math.min(count, start + ROWS_PER_STATEMENT); k++) {
        rows.push({
          barcode: demoBarcode('item', DEMO_ITEM_COUNT + k),
          title: `Outage benchmark copy ${k + 1}`,
          author: 'Circa Bench',
          call_number: `BENCH ${k + 1}`,
          material_type_id: bookId,
          branch_id: branchId,
          status: 'available' as const,
        });
      }
      await trx.insertInto('items').values(rows).execute();
    }
  });
}

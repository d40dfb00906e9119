// The whole desk during an outage (issue 13): 40% check-ins of items lent earlier (in the outage or
// before it), a tenth of them catching a waiting hold (half at another branch, so the item goes in
// transit), 5% renewals of a loan by the patron who has it, 2% registrations of new cards (some
// followed by check-outs on the card), the rest check-outs with the check-out workload's mix (1%
// unknown, 5% already on loan). Like the check-out workload, every transaction is a function of its
// index, so every engine and run sees the same data; the holds and the loans made before the outage
// that it needs are planned from the same indexes and seeded into every copy of the library.
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../src/server/db/schema.ts';
import { DEMO_ITEM_COUNT, demoBarcode } from '../../src/server/demo/collection.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';
import {
  kindOf,
  mix,
  shelfItem,
  UNKNOWN_BARCODE_BASE,
  workstationName,
  type LibraryPools,
  type WorkloadShape,
} from './workload.ts';

const DAY_MS = 86_400_000;
const LOAN_DAYS = 21;
/** Per 100 transactions; the rest are check-outs. */
const CHECK_IN_PER_100 = 40;
const RENEWAL_PER_100 = 5;
const REGISTRATION_PER_100 = 2;
/** Per 10 check-ins: the item has a hold waiting for it. */
const HOLD_PER_10_CHECK_INS = 1;
/**
 * How far back (in transactions) a check-in, a renewal and a check-out on a new card look for the
 * loan or registration they follow. Multiples of the replay's sampling (20, and 50 at smoke size)
 * and of the 30 workstations, so the replayed sample holds both ends of each pair and a new card
 * is used at the desk that registered it.
 */
const CHECK_IN_LOOKBACK = 600;
const RENEWAL_LOOKBACK = 300;
const NEW_CARD_LOOKBACK = 300;
/** The "already on loan" check-out's lookback in the check-out workload (ON_LOAN_LOOKBACK there). */
const ON_LOAN_LOOKBACK = 1_000;
const ON_LOAN_TRIES = 3;
/** New cards: valid patron barcodes far past any patron the library has. */
const NEW_CARD_BASE = 40_000_000;

export type DeskKind = 'checkIn' | 'renewal' | 'registration' | 'checkOut';

export function deskKindOf(i: number): DeskKind {
  if (i < 0) return 'checkOut';
  const r = mix(i, 0xde5c) % 100;
  if (r < CHECK_IN_PER_100) return 'checkIn';
  if (r < CHECK_IN_PER_100 + RENEWAL_PER_100) return 'renewal';
  if (r < CHECK_IN_PER_100 + RENEWAL_PER_100 + REGISTRATION_PER_100) return 'registration';
  return 'checkOut';
}

/** A check-out that takes a book from the shelf: what a later check-in or renewal can follow. */
function lendsFromShelf(i: number): boolean {
  return i >= 0 && deskKindOf(i) === 'checkOut' && kindOf(i) === 'shelf';
}

/** A check-in whose item a patron has a hold on. */
export function catchesHold(i: number): boolean {
  return deskKindOf(i) === 'checkIn' && mix(i, 0x401d) % 10 < HOLD_PER_10_CHECK_INS;
}

export function newCardOf(i: number): string {
  return demoBarcode('patron', NEW_CARD_BASE + i);
}

/** Shelf items the desk workload of `total` transactions takes at most. */
export function deskShelfItemsNeeded(total: number): number {
  let count = 0;
  for (let i = 0; i < total; i++) if (lendsFromShelf(i)) count++;
  return count;
}

/** Loans made before the outage that check-ins and renewals fall back on, at most. */
export function deskLoansBeforeNeeded(total: number): number {
  let count = 0;
  for (let i = 0; i < total; i++) {
    const kind = deskKindOf(i);
    if (kind === 'checkIn' && !lendsFromShelf(i - CHECK_IN_LOOKBACK)) count++;
    if (kind === 'renewal' && !lendsFromShelf(i - RENEWAL_LOOKBACK)) count++;
  }
  return count;
}

/**
 * The loans open when the outage began that the desk workload checks in and renews: one copy each,
 * added after the shelf copies, lent to patrons in good standing some days before.
 */
export interface LoansBefore {
  count: number;
  firstItem: number;
  borrowers: readonly string[];
}

export function loanBefore(before: LoansBefore, k: number) {
  return {
    itemBarcode: demoBarcode('item', before.firstItem + k),
    patronBarcode: before.borrowers[mix(k, 0xb0) % before.borrowers.length]!,
  };
}

/** A hold to place before the outage on the item a check-in brings back. */
export interface PlannedHold {
  itemBarcode: string;
  patronBarcode: string;
  pickupBranchCode: string;
}

export interface DeskPools extends LibraryPools {
  /** Patrons whose cards are valid and unblocked: holds and loans before the outage are theirs. */
  inGoodStanding: string[];
  patronTypeCodes: string[];
  branchCodes: string[];
  before: LoansBefore;
}

/**
 * The whole outage, in time order, with the holds to seed beforehand. The desk mix is replayed
 * from memory (a hundred thousand at most), so it is built at once rather than streamed.
 */
export function createDeskWorkload(
  pools: DeskPools,
  shape: WorkloadShape,
): { transactions: OfflineTransaction[]; holds: PlannedHold[] } {
  const transactions: OfflineTransaction[] = [];
  const holds: PlannedHold[] = [];
  const lent: { itemBarcode: string; patronBarcode: string }[] = [];
  const sequences: number[] = Array.from({ length: shape.workstations }, () => 0);
  const step = shape.spanMs / shape.total;
  let shelfNext = 0;
  let checkInsBefore = 0;
  let renewalsBefore = 0;

  const patronOf = (i: number) =>
    deskKindOf(i - NEW_CARD_LOOKBACK) === 'registration'
      ? newCardOf(i - NEW_CARD_LOOKBACK)
      : pools.patrons[mix(i, 0x7a7) % pools.patrons.length]!;

  function alreadyOnLoan(i: number): string {
    for (let back = 1; back <= ON_LOAN_TRIES; back++) {
      const j = i - back * ON_LOAN_LOOKBACK;
      // Not if a check-in brought it back in between: it would be a shelf loan again.
      if (lendsFromShelf(j) && deskKindOf(j + CHECK_IN_LOOKBACK) !== 'checkIn') {
        return lent[j]!.itemBarcode;
      }
    }
    return pools.onLoanBefore[i % pools.onLoanBefore.length]!;
  }

  for (let i = 0; i < shape.total; i++) {
    const w = i % shape.workstations;
    const occurredAt = Math.floor(shape.startMs + i * step);
    const common = {
      id: uuidv7({ msecs: occurredAt }),
      sequence: ++sequences[w]!,
      workstation: workstationName(w),
      branchCode: pools.branchCode,
      staffUsername: pools.staffUsername,
      clockOffsetMs: ((w % 5) - 2) * 1_000,
      occurredAt,
    };
    const kind = deskKindOf(i);
    if (kind === 'checkIn') {
      const earlier = lendsFromShelf(i - CHECK_IN_LOOKBACK)
        ? lent[i - CHECK_IN_LOOKBACK]!
        : loanBefore(pools.before, checkInsBefore++);
      transactions.push({ ...common, type: 'check_in', itemBarcode: earlier.itemBarcode });
      if (catchesHold(i)) {
        holds.push({
          itemBarcode: earlier.itemBarcode,
          patronBarcode: pools.inGoodStanding[mix(i, 0x40d) % pools.inGoodStanding.length]!,
          pickupBranchCode: pools.branchCodes[mix(i, 0x7b5) % pools.branchCodes.length]!,
        });
      }
    } else if (kind === 'renewal') {
      // Renewals of loans before the outage count down from the last, away from the check-ins.
      const loan = lendsFromShelf(i - RENEWAL_LOOKBACK)
        ? lent[i - RENEWAL_LOOKBACK]!
        : loanBefore(pools.before, pools.before.count - 1 - renewalsBefore++);
      transactions.push({
        ...common,
        type: 'renewal',
        ...loan,
        dueAt: occurredAt + LOAN_DAYS * DAY_MS,
        dueDateBasis: { kind: 'rule', loanDays: LOAN_DAYS },
      });
    } else if (kind === 'registration') {
      transactions.push({
        ...common,
        type: 'registration',
        patronBarcode: newCardOf(i),
        name: `Outage Reader ${i + 1}`,
        patronTypeCode: pools.patronTypeCodes[mix(i, 0x7e) % pools.patronTypeCodes.length]!,
        email: `reader${i + 1}@outage.example.org`,
      });
    } else {
      const checkOutKind = kindOf(i);
      const itemBarcode =
        checkOutKind === 'unknown'
          ? demoBarcode('item', UNKNOWN_BARCODE_BASE + i)
          : checkOutKind === 'shelf'
            ? shelfItem(pools.shelf, shelfNext++)
            : alreadyOnLoan(i);
      const patronBarcode = patronOf(i);
      lent[i] = { itemBarcode, patronBarcode };
      transactions.push({
        ...common,
        type: 'check_out',
        patronBarcode,
        itemBarcode,
        dueAt: occurredAt + LOAN_DAYS * DAY_MS,
        dueDateBasis: { kind: 'rule', loanDays: LOAN_DAYS },
      });
    }
  }
  if (checkInsBefore + renewalsBefore > pools.before.count) {
    throw new Error(
      `The desk workload needs ${checkInsBefore + renewalsBefore} loans before the outage; ${pools.before.count} were made.`,
    );
  }
  return { transactions, holds };
}

/** The desk pools of a library seeded by openFreshLibrary with `addedItems` shelf copies. */
export async function deskPools(
  db: Kysely<Database>,
  pools: LibraryPools,
  addedItems: number,
  loansBefore: number,
): Promise<DeskPools> {
  const today = new Date().toISOString().slice(0, 10);
  const good = await db
    .selectFrom('patrons')
    .select('barcode')
    .where('block_reason', 'is', null)
    .where('expires_on', '>', today)
    .orderBy('barcode')
    .execute();
  const types = await db.selectFrom('patron_types').select('code').orderBy('code').execute();
  const branches = await db.selectFrom('branches').select('code').orderBy('code').execute();
  const inGoodStanding = good.map((p) => p.barcode);
  return {
    ...pools,
    inGoodStanding,
    patronTypeCodes: types.map((t) => t.code),
    branchCodes: branches.map((b) => b.code),
    before: {
      count: loansBefore,
      firstItem: DEMO_ITEM_COUNT + addedItems,
      borrowers: inGoodStanding,
    },
  };
}

/**
 * Adds the copies lent before the outage with their loans (1–20 days before it, due 21 days after
 * lending), and the holds the check-ins will catch, placed the day before the outage.
 */
export async function seedDeskLibrary(
  db: Kysely<Database>,
  props: { before: LoansBefore; holds: readonly PlannedHold[]; outageStartMs: number },
): Promise<void> {
  const ROWS_PER_STATEMENT = 1_000;
  const ids = async (table: 'branches' | 'material_types', code: string) =>
    (await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const mainId = await ids('branches', 'MAIN');
  const bookId = await ids('material_types', 'BOOK');
  const patronIds = await idsByBarcode(db, 'patrons');
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < props.before.count; start += ROWS_PER_STATEMENT) {
      const end = Math.min(props.before.count, start + ROWS_PER_STATEMENT);
      const items = [];
      for (let k = start; k < end; k++) {
        items.push({
          barcode: loanBefore(props.before, k).itemBarcode,
          title: `Outage benchmark loan ${k + 1}`,
          author: 'Circa Bench',
          call_number: `BENCH L${k + 1}`,
          material_type_id: bookId,
          branch_id: mainId,
          status: 'on_loan' as const,
        });
      }
      const inserted = await trx.insertInto('items').values(items).returning('id').execute();
      await trx
        .insertInto('loans')
        .values(
          inserted.map(({ id }, n) => {
            const k = start + n;
            const checkedOutAt = props.outageStartMs - (1 + (k % 20)) * DAY_MS;
            return {
              item_id: id,
              patron_id: patronIds.get(loanBefore(props.before, k).patronBarcode)!,
              checked_out_at: checkedOutAt,
              due_at: checkedOutAt + LOAN_DAYS * DAY_MS,
              returned_at: null,
              branch_id: mainId,
              staff_user_id: null,
              workstation_id: null,
              source: 'online' as const,
            };
          }),
        )
        .execute();
    }
    const branchIds = new Map(
      (await trx.selectFrom('branches').select(['id', 'code']).execute()).map((b) => [
        b.code,
        b.id,
      ]),
    );
    for (let start = 0; start < props.holds.length; start += ROWS_PER_STATEMENT) {
      const chunk = props.holds.slice(start, start + ROWS_PER_STATEMENT);
      const items = await trx
        .selectFrom('items')
        .select(['id', 'barcode', 'title_id'])
        .where(
          'barcode',
          'in',
          chunk.map((h) => h.itemBarcode),
        )
        .execute();
      const itemOf = new Map(items.map((i) => [i.barcode, i]));
      await trx
        .insertInto('holds')
        .values(
          chunk.map((h) => {
            const item = itemOf.get(h.itemBarcode)!;
            return {
              patron_id: patronIds.get(h.patronBarcode)!,
              title_id: item.title_id!,
              item_id: item.id,
              pickup_branch_id: branchIds.get(h.pickupBranchCode)!,
              placed_at: props.outageStartMs - DAY_MS,
              placed_by: null,
              placed_at_workstation_id: null,
              status: 'waiting' as const,
              suspended_until: null,
              trapped_item_id: null,
              trapped_at: null,
              shelf_expires_on: null,
              ended_at: null,
              ended_by: null,
              fulfilled_loan_id: null,
            };
          }),
        )
        .execute();
    }
  });
}

async function idsByBarcode(db: Kysely<Database>, table: 'patrons'): Promise<Map<string, number>> {
  const rows = await db.selectFrom(table).select(['id', 'barcode']).execute();
  return new Map(rows.map((r) => [r.barcode, r.id]));
}

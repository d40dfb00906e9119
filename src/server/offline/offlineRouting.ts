// Where the items an offline batch checked in go next: they sit on the returns trolley, so each is
// routed as an online check-in at the workstation's branch would route it (routeItem): onto the
// hold shelf for a hold here, or in transit to a hold's branch or home. A few set-based reads find
// the items that may need to go anywhere; only those are routed one by one.
import type { Transaction } from 'kysely';
import type { Decision } from '../../shared/processing/outcome.ts';
import { routeItem } from '../commands/holds/routeItem.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { selectItemViews } from '../db/circulationViews.ts';
import { engineOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/** An item the batch left checked in, and the check-in that did it. */
export interface OfflineCheckInToRoute {
  itemId: number;
  /** The branch of the check-in's workstation, as the server knows it. */
  hereBranchId: number;
  /** The sender (or the supervisor applying it): transits and traps are in their name. */
  staffUserId: number;
  /** The check-in's place in its batch. */
  index: number;
}

/** Where a check-in sent the item, as its offline_transactions row records it. */
export interface RoutedCheckIn {
  to: 'hold_shelf' | 'transit';
  holdId: number | null;
  branchId: number;
  /** What staff do with the item, for the report's message. */
  words: string;
}

/**
 * Routes each item and returns where the ones that must go somewhere went; an item that simply
 * goes back on this branch's shelves is absent. Traps and transits are dated `now`: the item is
 * on the trolley now, and its shelf days count from now, whatever the offline time was.
 */
export async function routeOfflineCheckIns(
  trx: Transaction<Database>,
  checkIns: readonly OfflineCheckInToRoute[],
  now: number,
): Promise<Map<number, RoutedCheckIn>> {
  const routes = new Map<number, RoutedCheckIn>();
  const candidates = await itemsThatMayTravel(trx, checkIns);
  if (candidates.length === 0) return routes;
  const views = new Map<number, Awaited<ReturnType<typeof readItemViews>>[number]>();
  for (const view of await readItemViews(
    trx,
    candidates.map((c) => c.itemId),
  )) {
    views.set(view.id, view);
  }
  for (const checkIn of candidates) {
    const item = views.get(checkIn.itemId);
    if (!item) continue;
    const routed = await routeItem({
      trx,
      actor: { staffUserId: checkIn.staffUserId, branchId: checkIn.hereBranchId },
      item,
      at: now,
    });
    const { routing } = routed;
    if (routing.kind === 'holdShelf') {
      const { slip } = routing;
      routes.set(checkIn.itemId, {
        to: 'hold_shelf',
        holdId: slip.holdId,
        branchId: slip.pickupBranch.id,
        words: `Put it on the hold shelf for ${slip.patronShortName} (${slip.patronBarcode}) at ${slip.pickupBranch.name}.`,
      });
    } else if (routing.kind === 'transit') {
      const { slip } = routing;
      routes.set(checkIn.itemId, {
        to: 'transit',
        holdId: slip.hold?.holdId ?? null,
        branchId: slip.toBranch.id,
        words:
          slip.hold === null
            ? `Send it in transit to ${slip.toBranch.name}, its home branch.`
            : `Send it in transit to ${slip.toBranch.name} for the hold of ${slip.hold.patronShortName} (${slip.hold.patronBarcode}).`,
      });
    }
  }
  return routes;
}

/** The check-in's decision with where the item goes: an action code and what to do. */
export function withRoute(
  decision: Decision,
  route: RoutedCheckIn,
): { decision: Decision; routed: RoutedCheckIn } {
  return {
    decision: {
      ...decision,
      codes: [...decision.codes, route.to === 'hold_shelf' ? 'TO_HOLD_SHELF' : 'TO_TRANSIT'],
      message: `${decision.message} ${route.words}`,
    },
    routed: route,
  };
}

function readItemViews(trx: Transaction<Database>, itemIds: readonly number[]) {
  return selectItemViews(trx)
    .where('items.id', 'in', [...itemIds])
    .execute();
}

/**
 * The check-ins whose item may have to go somewhere: away from home where items do not float, on a
 * title someone waits for, already caught for a hold, travelling, or with a status routing sets.
 * Everything else goes back on the shelf here with no further read.
 */
async function itemsThatMayTravel(
  trx: Transaction<Database>,
  checkIns: readonly OfflineCheckInToRoute[],
): Promise<OfflineCheckInToRoute[]> {
  if (checkIns.length === 0) return [];
  const settings = await trx
    .selectFrom('library_settings')
    .select('items_float')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const perStatement = rowsPerStatement(engineOf(trx), 1) - 1;
  const items = new Map<number, { branchId: number; titleId: number | null; status: string }>();
  const mayTravel = new Set<number>();
  for (const chunk of chunked(
    checkIns.map((c) => c.itemId),
    perStatement,
  )) {
    for (const i of await trx
      .selectFrom('items')
      .select(['id', 'branch_id', 'title_id', 'status'])
      .where('id', 'in', chunk)
      .execute()) {
      items.set(i.id, { branchId: i.branch_id, titleId: i.title_id, status: i.status });
    }
    const trapped = await trx
      .selectFrom('holds')
      .select('trapped_item_id')
      .where('trapped_item_id', 'in', chunk)
      .where('status', 'in', ['in_transit', 'on_shelf'])
      .execute();
    const travelling = await trx
      .selectFrom('transits')
      .select('item_id')
      .where('item_id', 'in', chunk)
      .where('received_at', 'is', null)
      .execute();
    for (const row of trapped) if (row.trapped_item_id !== null) mayTravel.add(row.trapped_item_id);
    for (const row of travelling) mayTravel.add(row.item_id);
  }
  const titleIds = [...new Set([...items.values()].flatMap((i) => i.titleId ?? []))];
  const awaitedTitles = new Set<number>();
  for (const chunk of chunked(titleIds, perStatement)) {
    const rows = await trx
      .selectFrom('holds')
      .select('title_id')
      .distinct()
      .where('title_id', 'in', chunk)
      .where('status', '=', 'waiting')
      .execute();
    for (const row of rows) awaitedTitles.add(row.title_id);
  }
  return checkIns.filter((checkIn) => {
    const item = items.get(checkIn.itemId);
    if (!item) return false;
    return (
      mayTravel.has(checkIn.itemId) ||
      (item.titleId !== null && awaitedTitles.has(item.titleId)) ||
      (settings.items_float === 0 && item.branchId !== checkIn.hereBranchId) ||
      item.status === 'in_transit' ||
      item.status === 'on_hold_shelf'
    );
  });
}

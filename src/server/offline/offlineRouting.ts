// Where the items an offline batch checked in go next: they sit on the returns trolley, so each is
// routed as an online check-in at the workstation's branch would route it (routeItem): onto the
// hold shelf for a hold here, or in transit to a hold's branch or home. A few set-based reads sort
// the items: those that simply go home are sent there set-based (the rows routeItem would write),
// and only those a hold, a transit or their status may concern are routed one by one.
import type { Transaction } from 'kysely';
import type { CheckInRouting } from '../../shared/api/holds.ts';
import type { Decision } from '../../shared/processing/outcome.ts';
import { routeItem, type RouteItemBatch } from '../commands/holds/routeItem.ts';
import { loadBranchCalendar, type LoadedBranchCalendar } from '../db/branchCalendar.ts';
import { chunked, rowsPerStatement } from '../db/batching.ts';
import { selectItemViews } from '../db/circulationViews.ts';
import { engineOf } from '../db/connect.ts';
import { getLibrarySettings } from '../db/librarySettings.ts';
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
  const { goingHome, forRouteItem } = await sortCheckIns(trx, checkIns);
  await sendHome(trx, goingHome, now, routes);
  if (forRouteItem.length === 0) return routes;
  const batch = await readRoutingBatch(
    trx,
    forRouteItem.map((c) => c.hereBranchId),
    now,
  );
  const views = new Map<number, Awaited<ReturnType<typeof readItemViews>>[number]>();
  for (const view of await readItemViews(
    trx,
    forRouteItem.map((c) => c.itemId),
  )) {
    views.set(view.id, view);
  }
  for (const checkIn of forRouteItem) {
    const item = views.get(checkIn.itemId);
    if (!item) continue;
    const routed = await routeItem({
      trx,
      actor: { staffUserId: checkIn.staffUserId, branchId: checkIn.hereBranchId },
      item,
      at: now,
      batch,
    });
    const route = routedCheckInOf(routed.routing);
    if (route) routes.set(checkIn.itemId, route);
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

/** Where routeItem sent an item, in the report's words; null when it goes back on the shelf. */
export function routedCheckInOf(routing: CheckInRouting): RoutedCheckIn | null {
  if (routing.kind === 'holdShelf') {
    const { slip } = routing;
    return {
      to: 'hold_shelf',
      holdId: slip.holdId,
      branchId: slip.pickupBranch.id,
      words: `Put it on the hold shelf for ${slip.patronShortName} (${slip.patronBarcode}) at ${slip.pickupBranch.name}.`,
    };
  }
  if (routing.kind === 'transit') {
    const { slip } = routing;
    return {
      to: 'transit',
      holdId: slip.hold?.holdId ?? null,
      branchId: slip.toBranch.id,
      words:
        slip.hold === null
          ? homeTransitWords(slip.toBranch.name)
          : `Send it in transit to ${slip.toBranch.name} for the hold of ${slip.hold.patronShortName} (${slip.hold.patronBarcode}).`,
    };
  }
  return null;
}

function homeTransitWords(homeBranchName: string): string {
  return `Send it in transit to ${homeBranchName}, its home branch.`;
}

function readItemViews(trx: Transaction<Database>, itemIds: readonly number[]) {
  return selectItemViews(trx)
    .where('items.id', 'in', [...itemIds])
    .execute();
}

/** What routeItem would read for every item of the batch: the settings, each branch's calendar. */
async function readRoutingBatch(
  trx: Transaction<Database>,
  hereBranchIds: readonly number[],
  now: number,
): Promise<RouteItemBatch> {
  const calendars = new Map<number, LoadedBranchCalendar>();
  for (const branchId of new Set(hereBranchIds)) {
    calendars.set(branchId, await loadBranchCalendar(trx, branchId, now));
  }
  return { settings: await getLibrarySettings(trx), calendars };
}

/** A check-in whose item goes home with nothing else to it: routeItem's plain home transit. */
interface HomeBound {
  checkIn: OfflineCheckInToRoute;
  homeBranchId: number;
}

/**
 * Sends the items home as routeItem would for each: a transit from the check-in's branch to the
 * item's home for reason 'home', sent now by the check-in's sender, and the item in transit.
 */
async function sendHome(
  trx: Transaction<Database>,
  goingHome: readonly HomeBound[],
  now: number,
  routes: Map<number, RoutedCheckIn>,
): Promise<void> {
  if (goingHome.length === 0) return;
  const engine = engineOf(trx);
  for (const chunk of chunked(goingHome, rowsPerStatement(engine, TRANSIT_COLUMNS))) {
    await trx
      .insertInto('transits')
      .values(
        chunk.map(({ checkIn, homeBranchId }) => ({
          item_id: checkIn.itemId,
          from_branch_id: checkIn.hereBranchId,
          to_branch_id: homeBranchId,
          reason: 'home' as const,
          hold_id: null,
          sent_at: now,
          sent_by: checkIn.staffUserId,
          received_at: null,
          received_by: null,
        })),
      )
      .execute();
  }
  for (const chunk of chunked(
    goingHome.map((h) => h.checkIn.itemId),
    rowsPerStatement(engine, 1) - 1,
  )) {
    await trx.updateTable('items').set({ status: 'in_transit' }).where('id', 'in', chunk).execute();
  }
  const homeIds = [...new Set(goingHome.map((h) => h.homeBranchId))];
  const names = new Map(
    (
      await trx.selectFrom('branches').select(['id', 'name']).where('id', 'in', homeIds).execute()
    ).map((b) => [b.id, b.name]),
  );
  for (const { checkIn, homeBranchId } of goingHome) {
    routes.set(checkIn.itemId, {
      to: 'transit',
      holdId: null,
      branchId: homeBranchId,
      words: homeTransitWords(names.get(homeBranchId) as string),
    });
  }
}

/** Bound values per transit row in sendHome's insert. */
const TRANSIT_COLUMNS = 9;

/**
 * Sorts the check-ins by what their item may need. For routeItem: a hold waiting on its title, the
 * item already caught for a hold or travelling, or a status routing sets. Going home, set-based:
 * none of those, away from home where items do not float. Everything else goes back on the shelf
 * here with no further read.
 */
async function sortCheckIns(
  trx: Transaction<Database>,
  checkIns: readonly OfflineCheckInToRoute[],
): Promise<{ goingHome: HomeBound[]; forRouteItem: OfflineCheckInToRoute[] }> {
  const goingHome: HomeBound[] = [];
  const forRouteItem: OfflineCheckInToRoute[] = [];
  if (checkIns.length === 0) return { goingHome, forRouteItem };
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
  for (const checkIn of checkIns) {
    const item = items.get(checkIn.itemId);
    if (!item) continue;
    if (
      mayTravel.has(checkIn.itemId) ||
      (item.titleId !== null && awaitedTitles.has(item.titleId)) ||
      item.status === 'in_transit' ||
      item.status === 'on_hold_shelf'
    ) {
      forRouteItem.push(checkIn);
    } else if (settings.items_float === 0 && item.branchId !== checkIn.hereBranchId) {
      goingHome.push({ checkIn, homeBranchId: item.branchId });
    }
  }
  return { goingHome, forRouteItem };
}

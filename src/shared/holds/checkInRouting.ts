// Where a checked-in item goes next: the hold shelf here, in transit to a hold's pickup branch or
// home, or back on the shelves. Pure, so the server's check-in, the hold shelf's clear and (issue
// 13) offline processing route an item the same way; the command only reads and writes.

/** The item's open transit, if it is travelling. */
export interface OpenTransitFact {
  id: number;
  fromBranchId: number;
  toBranchId: number;
}

/** A hold that has caught this very copy (in transit to its pickup branch, or on its shelf). */
export interface TrappedHoldFact {
  id: number;
  pickupBranchId: number;
  status: 'in_transit' | 'on_shelf';
}

/** The first waiting hold the copy could fill (nextHoldFor), as routing needs it. */
export interface NextHoldFact {
  id: number;
  pickupBranchId: number;
}

export interface CheckInRoutingFacts {
  /** The branch of the desk scanning the item. */
  hereBranchId: number;
  /** The branch that owns the item (its home). */
  owningBranchId: number;
  /** Library setting: items stay where they are returned instead of travelling home. */
  itemsFloat: boolean;
  openTransit: OpenTransitFact | null;
  /** Still active and holding this copy; a cancelled or expired hold is not given here. */
  trappedHold: TrappedHoldFact | null;
  /** Asked only when no hold holds the copy already. */
  nextHold: NextHoldFact | null;
}

/** Where the item goes; `trap` says whether a waiting hold must be trapped for it now. */
export type RouteDecision =
  | { kind: 'shelve' }
  | { kind: 'holdShelf'; holdId: number; trap: boolean }
  | { kind: 'transit'; toBranchId: number; reason: 'hold'; holdId: number; trap: boolean }
  | { kind: 'transit'; toBranchId: number; reason: 'home'; holdId: null; trap: false };

export interface CheckInRoutingDecision {
  /**
   * The open transit to close (received_at now). Scanned at its destination the item is received;
   * scanned anywhere else it is closed too, honestly (received here), and a new one starts here.
   */
  closeTransitId: number | null;
  /** True when the item was in transit to this branch: the desk says it was received. */
  received: boolean;
  /**
   * Scanned again where its open transit started, going the same way for the same reason: the
   * transit stands (no new one, nothing closed). A desk scanning twice does not make two journeys.
   */
  alreadyOnItsWay: boolean;
  route: RouteDecision;
}

/**
 * The rules, in order: a copy already caught for a hold keeps it (shelf here if this is the pickup
 * branch, else on to the pickup branch); otherwise the next waiting hold catches it the same way;
 * otherwise it goes home unless it is home already or the library lets items float.
 */
export function decideCheckInRouting(facts: CheckInRoutingFacts): CheckInRoutingDecision {
  const { hereBranchId, openTransit } = facts;
  const route = routeFromHere(facts);
  const alreadyOnItsWay =
    openTransit !== null &&
    openTransit.fromBranchId === hereBranchId &&
    route.kind === 'transit' &&
    !route.trap &&
    route.toBranchId === openTransit.toBranchId;
  if (alreadyOnItsWay) return { closeTransitId: null, received: false, alreadyOnItsWay, route };
  const closeTransitId = openTransit?.id ?? null;
  const received = openTransit !== null && openTransit.toBranchId === hereBranchId;
  return { closeTransitId, received, alreadyOnItsWay, route };
}

function routeFromHere(facts: CheckInRoutingFacts): RouteDecision {
  const { hereBranchId, owningBranchId, itemsFloat, trappedHold, nextHold } = facts;
  const hold = trappedHold ?? nextHold;
  if (hold) {
    const trap = trappedHold === null;
    if (hold.pickupBranchId === hereBranchId) return { kind: 'holdShelf', holdId: hold.id, trap };
    return {
      kind: 'transit',
      toBranchId: hold.pickupBranchId,
      reason: 'hold',
      holdId: hold.id,
      trap,
    };
  }
  if (owningBranchId === hereBranchId || itemsFloat) return { kind: 'shelve' };
  return { kind: 'transit', toBranchId: owningBranchId, reason: 'home', holdId: null, trap: false };
}

/** The item status a route leaves the item in. */
export function itemStatusAfter(
  route: RouteDecision,
): 'available' | 'on_hold_shelf' | 'in_transit' {
  if (route.kind === 'holdShelf') return 'on_hold_shelf';
  if (route.kind === 'transit') return 'in_transit';
  return 'available';
}

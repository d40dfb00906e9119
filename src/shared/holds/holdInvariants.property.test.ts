// The invariants on the pure rules, over random days at the desks: copies of one title
// checked in and out at three branches, holds placed, cancelled and cleared from the shelf when
// they expire. Whatever the order: a hold is never filled twice, and an item is never both caught
// for one patron's hold and lent to another (nor caught for two holds at once).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAsked,
  buildFound,
  buildItem,
  buildPatron,
} from '../circulation/checkOutBuilders.testing.ts';
import { decideCheckOut } from '../circulation/decideCheckOut.ts';
import type { HoldStatus } from '../api/holds.ts';
import { decideCheckInRouting, itemStatusAfter } from './checkInRouting.ts';
import { holdWantsCopy, nextHoldFor, type QueuedHold } from './holdQueue.ts';

const TITLE_ID = 1;
const TODAY = '2026-03-02';
const BRANCHES = [1, 2, 3];

interface ModelItem {
  id: number;
  owningBranchId: number;
  status: 'available' | 'on_loan' | 'in_transit' | 'on_hold_shelf';
  borrowerId: number | null;
  transitTo: number | null;
  transitFrom: number | null;
}

interface ModelHold extends QueuedHold {
  trappedItemId: number | null;
  fills: number;
}

/** The model's own checks: a broken invariant throws, and fast-check shrinks to the steps. */
function check(condition: boolean, broken: string): void {
  if (!condition) throw new Error(broken);
}

const ACTIVE_TRAP: ReadonlySet<HoldStatus> = new Set(['in_transit', 'on_shelf']);

type Step =
  | { kind: 'place'; patronId: number; pickupBranchId: number; oneCopy: number | null }
  | { kind: 'checkIn'; item: number; branchId: number }
  | { kind: 'checkOut'; item: number; patronId: number; overrideHold: boolean; supervisor: boolean }
  | { kind: 'cancel'; hold: number }
  | { kind: 'expire'; hold: number; branchId: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('place' as const),
    patronId: fc.integer({ min: 1, max: 4 }),
    pickupBranchId: fc.constantFrom(...BRANCHES),
    oneCopy: fc.option(fc.integer({ min: 0, max: 2 })),
  }),
  fc.record({
    kind: fc.constant('checkIn' as const),
    item: fc.integer({ min: 0, max: 2 }),
    branchId: fc.constantFrom(...BRANCHES),
  }),
  fc.record({
    kind: fc.constant('checkOut' as const),
    item: fc.integer({ min: 0, max: 2 }),
    patronId: fc.integer({ min: 1, max: 4 }),
    overrideHold: fc.boolean(),
    supervisor: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cancel' as const), hold: fc.nat(20) }),
  fc.record({
    kind: fc.constant('expire' as const),
    hold: fc.nat(20),
    branchId: fc.constantFrom(...BRANCHES),
  }),
);

class Desk {
  items: ModelItem[] = BRANCHES.map((branchId, index) => ({
    id: 100 + index,
    owningBranchId: branchId,
    status: 'available',
    borrowerId: null,
    transitTo: null,
    transitFrom: null,
  }));
  holds: ModelHold[] = [];
  clock = 0;

  constructor(private readonly itemsFloat: boolean) {}

  trapOf(item: ModelItem): ModelHold | null {
    return (
      this.holds.find((hold) => hold.trappedItemId === item.id && ACTIVE_TRAP.has(hold.status)) ??
      null
    );
  }

  run(s: Step): void {
    this.clock += 1;
    if (s.kind === 'place') {
      this.holds.push({
        id: this.holds.length + 1,
        patronId: s.patronId,
        titleId: TITLE_ID,
        itemId: s.oneCopy === null ? null : (this.items[s.oneCopy]?.id ?? null),
        pickupBranchId: s.pickupBranchId,
        placedAt: this.clock,
        status: 'waiting',
        suspendedUntil: null,
        trappedItemId: null,
        fills: 0,
      });
    } else if (s.kind === 'checkIn') {
      const item = this.items[s.item] as ModelItem;
      if (item.status === 'on_loan') item.borrowerId = null;
      this.route(item, s.branchId);
    } else if (s.kind === 'checkOut') {
      this.checkOut(s);
    } else {
      const hold = this.holds[s.hold % Math.max(this.holds.length, 1)];
      if (!hold) return;
      if (s.kind === 'cancel' && hold.status !== 'fulfilled' && hold.status !== 'expired') {
        hold.status = 'cancelled';
      }
      if (s.kind === 'expire' && hold.status === 'on_shelf') {
        // Cleared from the shelf: the hold expires, the item is routed again from the shelf.
        hold.status = 'expired';
        const item = this.items.find((candidate) => candidate.id === hold.trappedItemId);
        if (item) this.route(item, hold.pickupBranchId);
      }
    }
  }

  /** What checkIn and the hold shelf's clear do after the loan: the same rule, the same writes. */
  route(item: ModelItem, hereBranchId: number): void {
    const trapped = this.trapOf(item);
    const next = trapped
      ? null
      : nextHoldFor({ id: item.id, titleId: TITLE_ID }, this.holds, TODAY);
    const decision = decideCheckInRouting({
      hereBranchId,
      owningBranchId: item.owningBranchId,
      itemsFloat: this.itemsFloat,
      openTransit:
        item.transitTo === null || item.transitFrom === null
          ? null
          : { id: 1, fromBranchId: item.transitFrom, toBranchId: item.transitTo },
      trappedHold: trapped
        ? {
            id: trapped.id,
            pickupBranchId: trapped.pickupBranchId,
            status: trapped.status === 'on_shelf' ? 'on_shelf' : 'in_transit',
          }
        : null,
      nextHold: next,
    });
    const { route } = decision;
    if (!decision.alreadyOnItsWay) {
      item.transitTo = route.kind === 'transit' ? route.toBranchId : null;
      item.transitFrom = route.kind === 'transit' ? hereBranchId : null;
    }
    item.status = itemStatusAfter(route);
    if (route.kind === 'shelve' || route.holdId === null) return;
    const hold = this.holds.find((candidate) => candidate.id === route.holdId) as ModelHold;
    if (route.trap) {
      // The guarded trap: only a waiting hold is caught.
      check(hold.status === 'waiting', `hold ${hold.id} trapped while ${hold.status}`);
      hold.trappedItemId = item.id;
    }
    hold.status = route.kind === 'holdShelf' ? 'on_shelf' : 'in_transit';
  }

  checkOut(s: Extract<Step, { kind: 'checkOut' }>): void {
    const item = this.items[s.item] as ModelItem;
    if (item.status === 'on_loan') return;
    const trapped = this.trapOf(item);
    const patronHold = this.holds
      .filter((hold) => hold.patronId === s.patronId)
      .find((hold) => holdWantsCopy(hold, { id: item.id, titleId: TITLE_ID }, TODAY));
    const decision = decideCheckOut(
      buildAsked({ overrideHold: s.overrideHold, mayOverride: s.supervisor }),
      buildFound({
        patron: buildPatron({ id: s.patronId }),
        item: buildItem({ id: item.id, status: item.status }),
        itemHold: trapped
          ? {
              id: trapped.id,
              patronId: trapped.patronId,
              patronShortName: 'REA, A.',
              status: trapped.status === 'on_shelf' ? 'on_shelf' : 'in_transit',
              shelfExpiresOn: trapped.status === 'on_shelf' ? '2026-03-09' : null,
              pickupBranchName: 'Main',
            }
          : null,
        patronWaitingHoldId: patronHold?.id ?? null,
      }),
    );
    if (decision.outcome === 'refused') {
      return;
    }
    if (decision.releasedHold) {
      const released = this.holds.find((hold) => hold.id === decision.releasedHold?.id);
      check(released?.patronId !== s.patronId, 'released the borrower’s own hold');
      if (released) {
        released.status = 'waiting';
        released.trappedItemId = null;
      }
    }
    if (decision.fillHoldId !== null) {
      const filled = this.holds.find((hold) => hold.id === decision.fillHoldId) as ModelHold;
      check(filled.patronId === s.patronId, `hold ${filled.id} filled by another patron’s loan`);
      filled.status = 'fulfilled';
      filled.fills += 1;
      filled.trappedItemId = item.id;
    }
    item.status = 'on_loan';
    item.borrowerId = s.patronId;
    item.transitTo = null;
    item.transitFrom = null;
  }

  /** The broken invariants, as sentences; none when all hold. */
  brokenInvariants(): string[] {
    const broken: string[] = [];
    for (const hold of this.holds) {
      if (hold.fills > 1) broken.push(`hold ${hold.id} filled ${hold.fills} times`);
    }
    for (const item of this.items) {
      const traps = this.holds.filter(
        (hold) => hold.trappedItemId === item.id && ACTIVE_TRAP.has(hold.status),
      );
      if (traps.length > 1) broken.push(`item ${item.id} caught for ${traps.length} holds`);
      if (item.status === 'on_loan' && traps.length > 0) {
        broken.push(
          `item ${item.id} lent to ${item.borrowerId} while caught for hold ${traps[0]?.id}`,
        );
      }
      for (const trap of traps) {
        const shown = trap.status === 'on_shelf' ? 'on_hold_shelf' : 'in_transit';
        if (item.status !== shown)
          broken.push(`item ${item.id} is ${item.status}, its hold ${trap.status}`);
      }
    }
    return broken;
  }
}

describe('holds at the desk, over any sequence of scans', () => {
  it('never fills a hold twice, never lends a caught item to another patron', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.boolean(), (steps, itemsFloat) => {
        const desk = new Desk(itemsFloat);
        for (const s of steps) {
          desk.run(s);
          expect(desk.brokenInvariants()).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

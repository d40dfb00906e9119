import { describe, expect, it } from 'vitest';
import { decideCheckInRouting, type CheckInRoutingFacts } from './checkInRouting.ts';

const HERE = 1;
const HOME = 2;
const OTHER = 3;

const facts = (over: Partial<CheckInRoutingFacts> = {}): CheckInRoutingFacts => ({
  hereBranchId: HERE,
  owningBranchId: HERE,
  itemsFloat: false,
  openTransit: null,
  trappedHold: null,
  nextHold: null,
  ...over,
});

describe('decideCheckInRouting', () => {
  it('shelves an item wanted by nobody at its own branch', () => {
    expect(decideCheckInRouting(facts())).toEqual({
      closeTransitId: null,
      received: false,
      alreadyOnItsWay: false,
      route: { kind: 'shelve' },
    });
  });

  it('puts the item on the hold shelf when the next hold is picked up here', () => {
    const decision = decideCheckInRouting(facts({ nextHold: { id: 5, pickupBranchId: HERE } }));
    expect(decision.route).toEqual({ kind: 'holdShelf', holdId: 5, trap: true });
  });

  it('sends the item to the pickup branch of the next hold', () => {
    const decision = decideCheckInRouting(facts({ nextHold: { id: 5, pickupBranchId: OTHER } }));
    expect(decision.route).toEqual({
      kind: 'transit',
      toBranchId: OTHER,
      reason: 'hold',
      holdId: 5,
      trap: true,
    });
  });

  it('sends an item wanted by nobody home, unless items float', () => {
    expect(decideCheckInRouting(facts({ owningBranchId: HOME })).route).toEqual({
      kind: 'transit',
      toBranchId: HOME,
      reason: 'home',
      holdId: null,
      trap: false,
    });
    expect(decideCheckInRouting(facts({ owningBranchId: HOME, itemsFloat: true })).route).toEqual({
      kind: 'shelve',
    });
  });

  it('receives an item at its destination and shelves it for the hold it travelled for', () => {
    const decision = decideCheckInRouting(
      facts({
        owningBranchId: HOME,
        openTransit: { id: 9, fromBranchId: OTHER, toBranchId: HERE },
        trappedHold: { id: 5, pickupBranchId: HERE, status: 'in_transit' },
      }),
    );
    expect(decision).toEqual({
      closeTransitId: 9,
      received: true,
      alreadyOnItsWay: false,
      route: { kind: 'holdShelf', holdId: 5, trap: false },
    });
  });

  it('receives an item whose hold ended on the way, and routes it as a plain return', () => {
    const decision = decideCheckInRouting(
      facts({
        owningBranchId: HOME,
        openTransit: { id: 9, fromBranchId: OTHER, toBranchId: HERE },
      }),
    );
    expect(decision.received).toBe(true);
    expect(decision.route).toMatchObject({ kind: 'transit', toBranchId: HOME, reason: 'home' });
  });

  it('closes a transit scanned elsewhere and sends the item on from here', () => {
    const decision = decideCheckInRouting(
      facts({
        openTransit: { id: 9, fromBranchId: HOME, toBranchId: OTHER },
        trappedHold: { id: 5, pickupBranchId: OTHER, status: 'in_transit' },
      }),
    );
    expect(decision).toEqual({
      closeTransitId: 9,
      received: false,
      alreadyOnItsWay: false,
      route: { kind: 'transit', toBranchId: OTHER, reason: 'hold', holdId: 5, trap: false },
    });
  });

  it('leaves a transit standing when the item is scanned again where it started', () => {
    const decision = decideCheckInRouting(
      facts({
        owningBranchId: HOME,
        openTransit: { id: 9, fromBranchId: HERE, toBranchId: HOME },
      }),
    );
    expect(decision).toMatchObject({
      closeTransitId: null,
      received: false,
      alreadyOnItsWay: true,
    });
    const trapping = decideCheckInRouting(
      facts({
        owningBranchId: HOME,
        openTransit: { id: 9, fromBranchId: HERE, toBranchId: HOME },
        nextHold: { id: 5, pickupBranchId: HOME },
      }),
    );
    expect(trapping).toMatchObject({ closeTransitId: 9, alreadyOnItsWay: false });
  });

  it('keeps a trapped hold before asking the queue', () => {
    const decision = decideCheckInRouting(
      facts({
        trappedHold: { id: 5, pickupBranchId: HERE, status: 'on_shelf' },
        nextHold: { id: 6, pickupBranchId: HERE },
      }),
    );
    expect(decision.route).toEqual({ kind: 'holdShelf', holdId: 5, trap: false });
  });
});

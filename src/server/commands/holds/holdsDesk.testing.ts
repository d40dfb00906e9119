// A library of three branches for hold and transit tests: MAIN (the circulation fixture's branch,
// open every day), EAST (open every day) and WEST (closed at weekends and on Thursday 5 March 2026),
// with staff at each, copies of a title, and holds placed straight into the queue.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  buildBranch,
  buildHold,
  buildItem,
  buildStaffUser,
  buildWorkstation,
  nextSequence,
  titleOf,
} from '../../testing/factories.ts';
import type { CirculationActor } from '../actor.ts';
import { checkOut } from '../checkOut.ts';
import {
  buildCirculationFixture,
  MONDAY_NOON_CHICAGO_MS,
  type CirculationFixture,
} from '../circulationFixture.testing.ts';

export interface HoldsDesk {
  library: CirculationFixture;
  main: number;
  east: number;
  west: number;
  actorAt(branchId: number, role?: 'circulation' | 'supervisor'): Promise<CirculationActor>;
  /** Copies of one new title, owned by `branchId`; returns them with the title's id. */
  copies(
    count: number,
    branchId?: number,
  ): Promise<{ titleId: number; items: { id: number; barcode: string; title: string }[] }>;
  /** A hold on the title (or one copy), placed `placedAt` ms after the fixture's Monday noon. */
  placeHold(hold: {
    patronId: number;
    titleId: number;
    pickupBranchId: number;
    placedAt?: number;
    itemId?: number;
  }): Promise<number>;
  /** Lends the item to a new patron at MAIN. */
  lend(itemBarcode: string): Promise<void>;
}

export async function buildHoldsDesk(db: Kysely<Database>): Promise<HoldsDesk> {
  const library = await buildCirculationFixture(db);
  const east = await buildBranch(db, { time_zone: 'America/Chicago', closed_weekdays: '' });
  const west = await buildBranch(db, { time_zone: 'America/Chicago', closed_weekdays: '0,6' });
  await db
    .insertInto('closed_days')
    .values({ branch_id: west.id, date: '2026-03-05', reason: 'Staff training' })
    .execute();
  const actorAt = async (branchId: number, role: 'circulation' | 'supervisor' = 'circulation') => {
    const user = await buildStaffUser(db, { role, branch_id: branchId });
    const workstation = await buildWorkstation(db, { branch_id: branchId });
    return { staffUserId: user.id, role, workstationId: workstation.id, branchId };
  };
  const desk = await actorAt(library.branch.id);
  return {
    library,
    main: library.branch.id,
    east: east.id,
    west: west.id,
    actorAt,
    async copies(count, branchId = library.branch.id) {
      const n = nextSequence();
      const items = [];
      for (let copy = 0; copy < count; copy += 1) {
        items.push(
          await buildItem(db, {
            title: `Middlemarch ${n}`,
            author: 'George Eliot',
            material_type_id: library.materialTypeId,
            branch_id: branchId,
          }),
        );
      }
      return { titleId: await titleOf(db, items[0]!.id), items };
    },
    async placeHold({ patronId, titleId, pickupBranchId, placedAt = 0, itemId }) {
      const { id } = await buildHold(db, {
        patron_id: patronId,
        title_id: titleId,
        item_id: itemId ?? null,
        pickup_branch_id: pickupBranchId,
        placed_at: MONDAY_NOON_CHICAGO_MS - 86_400_000 + placedAt,
      });
      return id;
    },
    async lend(itemBarcode) {
      const patron = await library.patron();
      await checkOut({
        db,
        actor: desk,
        patronBarcode: patron.barcode,
        itemBarcode,
        at: MONDAY_NOON_CHICAGO_MS - 3_600_000,
      });
    },
  };
}

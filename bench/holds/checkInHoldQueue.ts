// Check-in with a deep hold queue (issue 12): checking in a copy whose title 200 patrons wait for,
// beside a plain check-in of a copy nobody waits for, in the same run on each engine. The check-in
// reads the queue (holds_queue index), traps the first hold and puts the item on the hold shelf;
// the goal is under twice the plain check-in's time. Measured at the command (checkIn), so the
// database work is not hidden behind HTTP.
import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import type { CirculationActor } from '../../src/server/commands/actor.ts';
import { checkIn } from '../../src/server/commands/checkIn.ts';
import { buildHoldsDesk } from '../../src/server/commands/holds/holdsDesk.testing.ts';
import { MONDAY_NOON_CHICAGO_MS } from '../../src/server/commands/circulationFixture.testing.ts';
import type { Engine } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { ratio } from '../support/stats.ts';
import { alternatingRounds, eachEngine, median, p95 } from '../support/comparison.ts';
import { openEmptyDatabase } from '../support/emptyDatabase.ts';
import type { BenchContext, BenchModule, BenchResult } from '../support/types.ts';

const QUEUE_DEPTH = 200;
const SMOKE_QUEUE_DEPTH = 5;
const SAMPLES = 200;
const SMOKE_SAMPLES = 5;
/** Untimed rounds first, so both check-ins meet a warm database. */
const WARM_UP_ROUNDS = 20;
const SMOKE_WARM_UP_ROUNDS = 1;
const GOAL_RATIO = 2;

export const checkInHoldQueue: BenchModule = eachEngine('check-in-hold-queue', runOnEngine);

interface Copy {
  id: number;
  barcode: string;
}

async function runOnEngine(engine: Engine, ctx: BenchContext): Promise<BenchResult> {
  const depth = ctx.smoke ? SMOKE_QUEUE_DEPTH : QUEUE_DEPTH;
  const samples = ctx.smoke ? SMOKE_SAMPLES : SAMPLES;
  const warmUp = ctx.smoke ? SMOKE_WARM_UP_ROUNDS : WARM_UP_ROUNDS;
  const loadAtStart = loadavg()[0] ?? 0;
  const database = await openEmptyDatabase(engine, ctx.postgresUrl, 'holds');
  const times = { queued: [] as number[], plain: [] as number[] };
  try {
    const { db } = database;
    await migrateToLatest(db);
    const desk = await buildHoldsDesk(db);
    const actor = await desk.actorAt(desk.main);
    const borrower = await desk.library.patron();
    const queued = await desk.copies(1, desk.main);
    const plain = await desk.copies(1, desk.main);
    for (let place = 0; place < depth; place++) {
      const patron = await desk.library.patron();
      await desk.placeHold({
        patronId: patron.id,
        titleId: queued.titleId,
        pickupBranchId: desk.main,
        placedAt: place,
      });
    }
    const copies = { queued: queued.items[0]!, plain: plain.items[0]! };
    await alternatingRounds(
      { warmUp, samples },
      ['queued', 'plain'] as const,
      async (order, timed) => {
        for (const kind of order) {
          const copy = copies[kind];
          await lend(db, copy, borrower.id, actor);
          const started = performance.now();
          const result = await checkIn({
            db,
            actor,
            itemBarcode: copy.barcode,
            at: MONDAY_NOON_CHICAGO_MS,
          });
          const elapsed = performance.now() - started;
          const expected = kind === 'queued' ? 'holdShelf' : 'shelve';
          if (result.routing.kind !== expected) {
            throw new Error(
              `The ${kind} check-in routed to ${result.routing.kind}, not ${expected}.`,
            );
          }
          if (timed) times[kind].push(elapsed);
          if (kind === 'queued') await untrap(db, copy.id);
        }
      },
    );
    const waiting = await countWaiting(db, queued.titleId);
    if (waiting !== depth)
      throw new Error(`The queue holds ${waiting} waiting holds, not ${depth}.`);
  } finally {
    await database.dispose();
  }
  const figures = { queueDepth: depth, medianMs: median(times.queued), p95Ms: p95(times.queued) };
  const baseline = { queueDepth: 0, medianMs: median(times.plain), p95Ms: p95(times.plain) };
  const ratios = { medianMs: ratio(figures.medianMs, baseline.medianMs) };
  return {
    name: 'check-in-hold-queue',
    engine,
    figures,
    baseline: { name: 'a plain check-in of a copy nobody waits for', figures: baseline },
    ratios,
    goal: {
      text: `check-in with a ${QUEUE_DEPTH}-deep hold queue median < ${GOAL_RATIO}× a plain check-in's`,
      met: ratios.medianMs < GOAL_RATIO,
    },
    notes: `${samples} timed check-ins of each copy at the checkIn command (each lent again and its hold put back in the queue, untimed), after ${warmUp} untimed rounds; the two alternate. Load average when it started: ${loadAtStart.toFixed(2)}.`,
  };
}

/** Lends the copy straight in the database: only the check-in is timed. */
async function lend(db: Kysely<Database>, copy: Copy, patronId: number, actor: CirculationActor) {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('loans')
      .values({
        item_id: copy.id,
        patron_id: patronId,
        checked_out_at: MONDAY_NOON_CHICAGO_MS - 3_600_000,
        due_at: MONDAY_NOON_CHICAGO_MS + 86_400_000,
        returned_at: null,
        branch_id: actor.branchId,
        staff_user_id: actor.staffUserId,
        workstation_id: actor.workstationId,
        source: 'online',
      })
      .execute();
    await trx.updateTable('items').set({ status: 'on_loan' }).where('id', '=', copy.id).execute();
  });
}

/** Puts the trapped hold back in the queue (keeping its place), so every sample meets 200. */
async function untrap(db: Kysely<Database>, itemId: number) {
  await db
    .updateTable('holds')
    .set({ status: 'waiting', trapped_item_id: null, trapped_at: null, shelf_expires_on: null })
    .where('trapped_item_id', '=', itemId)
    .where('status', '=', 'on_shelf')
    .execute();
}

async function countWaiting(db: Kysely<Database>, titleId: number): Promise<number> {
  const { count } = await db
    .selectFrom('holds')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('title_id', '=', titleId)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(count);
}

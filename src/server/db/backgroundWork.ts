// Which database work a desk is not waiting for. Storing an upload and processing offline
// transactions go through the background handle of the database; everything else (a check-out, a
// check-in, a look-up) through the database itself. On SQLite the one connection goes to the
// database's callers before the background handle's (groupCommit.ts), and processing keeps its
// batches short while desks are lending, so the morning after an outage does not stall the desks.
//
// The event loop is shared too: between their slices, storing and processing ask for a turn
// (giveWayToDesks, givingWay.ts), and the desks' requests under way go first.
//
// A handle of its own rather than an AsyncLocalStorage context: on Node 20 a context, once used,
// hooks every promise in the process and doubled the cost of each await in a request.
import type { Kysely } from 'kysely';
import { BackgroundTurns } from './givingWay.ts';

/**
 * How long after the last online request the desks count as busy: longer than the pause between
 * two scans at one desk, short enough that processing goes back to full batches soon after.
 */
export const DESKS_BUSY_FOR_MS = 2_000;

// Keyed by the database handle, whatever its table types: the background handle shares them.
// oxlint-disable-next-line no-explicit-any
type AnyKysely = Kysely<any>;
const backgroundHandles = new WeakMap<AnyKysely, AnyKysely>();

let lastOnlineRequestAt = Number.NEGATIVE_INFINITY;
const backgroundTurns = new BackgroundTurns();

/** Records the handle whose queries wait behind those of `db` (connect.ts, at connect time). */
export function registerBackgroundDatabase<DB>(db: Kysely<DB>, background: Kysely<DB>): void {
  backgroundHandles.set(db, background);
}

/**
 * The handle for background work on `db`: the same database and connection, served after the
 * desks' work. `db` itself where the engine needs none (PostgreSQL's pool serves both; uploads and
 * processing there take at most three of its connections: receiveSlots.ts, processor.ts).
 */
export function backgroundDatabase<DB>(db: Kysely<DB>): Kysely<DB> {
  return (backgroundHandles.get(db) as Kysely<DB> | undefined) ?? db;
}

/**
 * An online request has arrived and will be answered: background work gives way to it until
 * `onlineRequestEnded()` (called once, when its answer is sent or its client goes).
 */
export function onlineRequestStarted(at: number = performance.now()): void {
  lastOnlineRequestAt = at;
  backgroundTurns.onlineRequestStarted();
}

export function onlineRequestEnded(): void {
  backgroundTurns.onlineRequestEnded();
}

/** Online requests under way now: background work is giving way to them. */
export function onlineRequestsUnderWay(): number {
  return backgroundTurns.onlineUnderWay;
}

/**
 * Called by background work between its slices, never inside a database transaction (a desk's
 * request would wait for the connection it holds): resolves at this caller's turn (givingWay.ts).
 * With no desk lending it costs the one turn of the event loop it always did.
 */
export function giveWayToDesks(): Promise<void> {
  return backgroundTurns.turn();
}

/** Whether an online request arrived in the last DESKS_BUSY_FOR_MS. */
export function desksAreBusy(at: number = performance.now()): boolean {
  return at - lastOnlineRequestAt < DESKS_BUSY_FOR_MS;
}

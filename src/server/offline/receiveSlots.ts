// How many uploads store their transactions at once, per database. Fifty workstations sending at
// once after an outage would otherwise take every database connection (PostgreSQL's pool, SQLite's
// one connection) for seconds, and a desk lending online would wait behind all of them; waiting
// here holds no connection, so the desk's few short queries go in between.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Uploads storing at once; the rest wait their turn in arrival order. */
export const MAX_CONCURRENT_RECEIVES = 2;

interface Slots {
  inUse: number;
  waiting: Array<() => void>;
}

const slotsByDb = new WeakMap<Kysely<Database>, Slots>();

/** Runs `store` once fewer than MAX_CONCURRENT_RECEIVES uploads to this database are storing. */
export async function withReceiveSlot<T>(
  db: Kysely<Database>,
  store: () => Promise<T>,
): Promise<T> {
  let slots = slotsByDb.get(db);
  if (!slots) {
    slots = { inUse: 0, waiting: [] };
    slotsByDb.set(db, slots);
  }
  const s = slots;
  if (s.inUse >= MAX_CONCURRENT_RECEIVES) {
    await new Promise<void>((resolve) => s.waiting.push(resolve));
  } else {
    s.inUse += 1;
  }
  try {
    return await store();
  } finally {
    // The slot passes straight to the next upload waiting, or is given back.
    const next = s.waiting.shift();
    if (next) next();
    else s.inUse -= 1;
  }
}

// The desks' shelf: items lent and returned by the online desk benchmarks, so no two requests in
// flight ever hold the same item.
import type { LendablePool } from './demoPools.ts';

/**
 * The items on the shelf and the patrons taking turns, kept across runs: a run that ends between
 * a check-out and its check-in leaves that item on loan, and the next run must not lend it again.
 */
export interface Shelf {
  freeItems: string[];
  patrons: readonly string[];
}

export function shelfOf(pool: LendablePool): Shelf {
  return { freeItems: [...pool.items], patrons: pool.patrons };
}

// When each request of an open-loop desk is due: request i at i ÷ rate after the start, whatever
// became of the ones before it, so a slow answer never delays the next scan (no coordinated
// omission: a librarian's next patron arrives whether or not the server has answered).

/** Milliseconds after the start at which request `index` (from 0) is due. */
export function dueAfterMs(index: number, ratePerSecond: number): number {
  if (!(ratePerSecond > 0))
    throw new Error(`A desk rate must be above 0 a second, not ${ratePerSecond}.`);
  return (index * 1000) / ratePerSecond;
}

/** How many requests are due once `elapsedMs` have passed since the start (request 0 at once). */
export function dueBy(elapsedMs: number, ratePerSecond: number): number {
  if (elapsedMs < 0) return 0;
  return Math.floor((elapsedMs * ratePerSecond) / 1000) + 1;
}

// How many offline transactions the next processing batch takes. A batch holds the database for
// its whole run (SQLite's one connection, PostgreSQL's row locks on the items it lends), so while
// desks are lending a batch is sized from the cost of recent ones to hold it for about
// BUSY_BATCH_TARGET_MS; with no desk waiting it takes the full size, where per-batch queries cost
// least.

/** How long one batch may hold the database while desks are lending. */
export const BUSY_BATCH_TARGET_MS = 20;
/** The smallest batch while desks are lending: below this, per-batch queries dominate. */
export const MIN_BUSY_BATCH_SIZE = 100;
/** Weight of the newest batch in the running per-transaction cost. */
const COST_SMOOTHING = 0.5;

export class ProcessingBatchSizer {
  readonly #maxSize: number;
  readonly #minSize: number;
  /** Milliseconds per transaction, smoothed over recent batches; null until one is measured. */
  #msPerTransaction: number | null = null;

  /** `maxSize` is the size when no desk is waiting and the upper bound always. */
  constructor(maxSize: number) {
    if (!Number.isInteger(maxSize) || maxSize < 1) {
      throw new Error(`A processing batch size must be a whole number from 1 (got ${maxSize}).`);
    }
    this.#maxSize = maxSize;
    this.#minSize = Math.min(MIN_BUSY_BATCH_SIZE, maxSize);
  }

  /** The size of the next batch. */
  next(desksBusy: boolean): number {
    if (!desksBusy) return this.#maxSize;
    // Before any batch is measured, start small: the first batch must not stall a busy desk.
    if (this.#msPerTransaction === null) return this.#minSize;
    const fitting = Math.floor(BUSY_BATCH_TARGET_MS / this.#msPerTransaction);
    return Math.max(this.#minSize, Math.min(this.#maxSize, fitting));
  }

  /** Records that a batch of `size` transactions held the database for `elapsedMs`. */
  record(size: number, elapsedMs: number): void {
    if (size <= 0) return;
    const cost = Math.max(elapsedMs, 0) / size;
    this.#msPerTransaction =
      this.#msPerTransaction === null
        ? cost
        : COST_SMOOTHING * cost + (1 - COST_SMOOTHING) * this.#msPerTransaction;
  }
}

// The desk's scan queue: scans are handled one after another in the order they were entered, so a
// check against the scans before ("same item twice") always sees every one of them, however fast
// the scanner is. A failed task does not stop the ones after it.
export class ScanQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Tasks entered and not yet finished. */
  private running = 0;

  /** True while a task entered earlier has not finished. */
  get busy(): boolean {
    return this.running > 0;
  }

  /**
   * Runs `task` after every task already entered. With nothing in flight it starts at once, so a
   * transaction's IndexedDB write is under way before the screen re-renders, not after.
   */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const idle = this.running === 0;
    this.running += 1;
    const tracked = async () => {
      try {
        return await task();
      } finally {
        this.running -= 1;
      }
    };
    const result = idle ? tracked() : this.tail.then(tracked);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

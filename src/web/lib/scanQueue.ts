// A barcode scanner types a barcode and Enter faster than the server answers. Scans go into this
// queue and are handled one at a time, in the order scanned, so none is lost or sent twice.

export interface ScanQueue<T> {
  /** Adds a scan; resolves once it has been handled. */
  enqueue(scan: T): Promise<void>;
  /** Scans waiting or being handled. */
  readonly size: number;
}

/**
 * @param handle handles one scan; it should report its own refusals. Anything it throws anyway
 *   goes to `onUnexpectedError`, and the queue moves on to the next scan.
 */
export function createScanQueue<T>(
  handle: (scan: T) => Promise<void>,
  onUnexpectedError: (error: unknown, scan: T) => void = () => {},
): ScanQueue<T> {
  let tail: Promise<void> = Promise.resolve();
  let size = 0;
  return {
    enqueue(scan) {
      size += 1;
      const done = tail
        .then(() => handle(scan))
        .catch((error: unknown) => onUnexpectedError(error, scan))
        .finally(() => {
          size -= 1;
        });
      tail = done;
      return done;
    },
    get size() {
      return size;
    },
  };
}

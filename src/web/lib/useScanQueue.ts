// A scan queue that lives as long as the screen, calling the latest handler. Screens enqueue from
// event handlers; `pending` counts scans not yet handled, for a "Working…" note.
import { useEffect, useRef, useState } from 'react';
import { createScanQueue, type ScanQueue } from './scanQueue.ts';

export function useScanQueue<T>(
  handle: (scan: T) => Promise<void>,
  onUnexpectedError: (error: unknown, scan: T) => void,
): { enqueue(scan: T): void; pending: number } {
  const latest = useRef({ handle, onUnexpectedError });
  useEffect(() => {
    latest.current = { handle, onUnexpectedError };
  });
  const [pending, setPending] = useState(0);
  // Made on the first scan (an event), so one queue serves the screen for its whole life.
  const queue = useRef<ScanQueue<T> | null>(null);

  return {
    enqueue(scan) {
      queue.current ??= createScanQueue<T>(
        async (next) => {
          try {
            await latest.current.handle(next);
          } finally {
            setPending((n) => n - 1);
          }
        },
        (error, failed) => latest.current.onUnexpectedError(error, failed),
      );
      setPending((n) => n + 1);
      void queue.current.enqueue(scan);
    },
    pending,
  };
}

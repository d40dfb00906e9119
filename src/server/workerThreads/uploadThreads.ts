// The worker threads that read and check the offline client's uploads off the event loop (issue
// 15: on the morning after an outage, fifty outboxes of JSON and schema checks held every desk's
// request for seconds). A small pool (Piscina), started on the first upload, closed with the app.
import { Piscina } from 'piscina';
import type { OutboxReading, OutboxUpload } from '../commands/readOutboxUpload.ts';
import { threadFile, THREAD_NODE_OPTIONS } from './threadFiles.ts';

/**
 * A thread idle this long is stopped, and its memory given back; the next upload starts one again
 * (under a second, on the thread). Long enough that a morning's uploads reuse warm threads, whose
 * checks run ~4 times faster than a new one's.
 */
const THREAD_IDLE_TIMEOUT_MS = 10 * 60_000;

export interface UploadThreads {
  /** Reads and checks one outbox on a thread; uploads beyond the threads wait their turn, in order. */
  readOutbox(upload: OutboxUpload): Promise<OutboxReading>;
  /** Lets the uploads being read finish, then stops the threads (the app's onClose). */
  close(): Promise<void>;
}

/** A pool of `threads` threads (at least 1), none started until the first upload. */
export function uploadThreads(threads: number): UploadThreads {
  let pool: Piscina<OutboxUpload, OutboxReading> | null = null;
  return {
    readOutbox(upload) {
      pool ??= new Piscina({
        filename: threadFile('uploadThread'),
        minThreads: 0,
        maxThreads: Math.max(1, threads),
        idleTimeout: THREAD_IDLE_TIMEOUT_MS,
        ...THREAD_NODE_OPTIONS,
      });
      // The body is copied to the thread, not moved: the event loop keeps it for the rare upload
      // it reads itself (readAsBefore). A copy of a 0.6 MB outbox takes well under a millisecond.
      return pool.run(upload);
    },
    async close() {
      const closing = pool;
      pool = null;
      await closing?.close();
    },
  };
}

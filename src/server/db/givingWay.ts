// Background work (reading, checking, storing and processing offline uploads) gives way to the
// desks' requests on the one event loop. A profile of fifty uploads at once with desks lending at
// 100 a second (SQLite) found the desks' code running at least every 64 ms and never waiting more
// than 22 ms for the database connection, yet their answers took 1.7 s: the uploads had most of
// the processor, and the desks' requests queued behind their slices.
//
// So background work asks for a turn between its slices, and turns are handed out one at a time,
// first come first served: one turn of the event loop apart (requests that have arrived are read
// in between), and only while no online request is under way, or once GIVE_WAY_MAX_MS has passed
// since the last turn, so a steady stream of desks or one long request (a report being
// downloaded) cannot stop processing. One at a time matters: fifty outboxes waiting to be parsed,
// all let go at the moment the desks fall quiet, would hold the event loop for most of a second.

/** Longest the background waits for its next turn while online requests keep it busy. */
export const GIVE_WAY_MAX_MS = 20;

export interface TurnClock {
  now(): number;
  /** Runs `run` after this turn of the event loop (setImmediate). */
  nextTurn(run: () => void): void;
  /** Runs `run` after `ms` (setTimeout); the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
}

const EVENT_LOOP: TurnClock = {
  now: () => performance.now(),
  nextTurn: (run) => setImmediate(run),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export class BackgroundTurns {
  readonly #clock: TurnClock;
  readonly #waiting: Array<() => void> = [];
  #onlineUnderWay = 0;
  #lastTurnAt = Number.NEGATIVE_INFINITY;
  #stepScheduled = false;
  #cancelTimer: (() => void) | null = null;

  constructor(clock: TurnClock = EVENT_LOOP) {
    this.#clock = clock;
  }

  onlineRequestStarted(): void {
    this.#onlineUnderWay += 1;
  }

  onlineRequestEnded(): void {
    this.#onlineUnderWay = Math.max(0, this.#onlineUnderWay - 1);
    if (this.#onlineUnderWay === 0 && this.#waiting.length > 0) this.#schedule();
  }

  get onlineUnderWay(): number {
    return this.#onlineUnderWay;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves when it is this caller's turn; never inside a database transaction (see above). */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#stepScheduled) return;
    this.#stepScheduled = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#clock.nextTurn(() => this.#step());
  }

  #step(): void {
    this.#stepScheduled = false;
    if (this.#waiting.length === 0) return;
    const now = this.#clock.now();
    const waitedLongEnough = now - this.#lastTurnAt >= GIVE_WAY_MAX_MS;
    if (this.#onlineUnderWay === 0 || waitedLongEnough) {
      this.#lastTurnAt = now;
      this.#waiting.shift()!();
      if (this.#waiting.length > 0) this.#schedule();
      return;
    }
    // Online requests under way: the next turn comes when the last of them ends, or at the latest
    // GIVE_WAY_MAX_MS after the previous turn.
    this.#cancelTimer ??= this.#clock.after(GIVE_WAY_MAX_MS - (now - this.#lastTurnAt), () => {
      this.#cancelTimer = null;
      this.#schedule();
    });
  }
}

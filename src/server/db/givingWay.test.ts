import { describe, expect, it } from 'vitest';
import { BackgroundTurns, GIVE_WAY_MAX_MS, type TurnClock } from './givingWay.ts';

/** The event loop by hand: `loop()` runs one turn's immediates, `advance()` moves time on. */
class HandTurnedLoop implements TurnClock {
  time = 0;
  #immediates: Array<() => void> = [];
  #timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }

  nextTurn(run: () => void): void {
    this.#immediates.push(run);
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.time + ms, run, cancelled: false };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** One turn: the immediates queued before it, then the promise callbacks they released. */
  async loop(): Promise<void> {
    const now = this.#immediates;
    this.#immediates = [];
    for (const run of now) run();
    await settled();
  }

  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.#timers.filter((t) => !t.cancelled && t.at <= this.time);
    this.#timers = this.#timers.filter((t) => !due.includes(t));
    for (const t of due) t.run();
    await settled();
  }
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

function waitForTurns(turns: BackgroundTurns, count: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < count; i++) void turns.turn().then(() => order.push(i));
  return order;
}

describe('background work giving way to the desks', () => {
  it('with no desk request under way, gives one turn per turn of the event loop, in order', async () => {
    const loop = new HandTurnedLoop();
    const turns = new BackgroundTurns(loop);
    const order = waitForTurns(turns, 3);

    await loop.loop();
    expect(order).toEqual([0]);
    await loop.loop();
    await loop.loop();
    expect(order).toEqual([0, 1, 2]);
    expect(turns.waiting).toBe(0);
  });

  it('waits while a desk request is under way and goes on when it ends', async () => {
    const loop = new HandTurnedLoop();
    const turns = new BackgroundTurns(loop);
    const order = waitForTurns(turns, 1);
    await loop.loop();
    expect(order).toEqual([0]);

    turns.onlineRequestStarted();
    const second: number[] = [];
    void turns.turn().then(() => second.push(1));
    await loop.loop();
    await loop.advance(GIVE_WAY_MAX_MS / 2);
    await loop.loop();
    expect(second).toEqual([]);

    turns.onlineRequestEnded();
    await loop.loop();
    await loop.loop();
    expect(second).toEqual([1]);
  });

  it('never waits longer than GIVE_WAY_MAX_MS for desks that keep coming', async () => {
    const loop = new HandTurnedLoop();
    const turns = new BackgroundTurns(loop);
    turns.onlineRequestStarted();
    const order = waitForTurns(turns, 3);
    await loop.loop();
    expect(order).toEqual([0]); // the first turn after a quiet spell is not held back

    await loop.loop();
    await loop.advance(GIVE_WAY_MAX_MS - 1);
    await loop.loop();
    expect(order).toEqual([0]);
    await loop.advance(1);
    await loop.loop();
    expect(order).toEqual([0, 1]);

    await loop.advance(GIVE_WAY_MAX_MS);
    await loop.loop();
    expect(order).toEqual([0, 1, 2]);
  });

  it('lets fifty waiting slices go one a turn when the desks fall quiet, not all at once', async () => {
    const loop = new HandTurnedLoop();
    const turns = new BackgroundTurns(loop);
    waitForTurns(turns, 1);
    await loop.loop();
    turns.onlineRequestStarted();
    turns.onlineRequestStarted();
    const order = waitForTurns(turns, 50);
    await loop.loop();
    expect(order).toEqual([]);

    turns.onlineRequestEnded();
    turns.onlineRequestEnded();
    await loop.loop();
    expect(order).toEqual([0]);
    await loop.loop();
    expect(order).toEqual([0, 1]);
    for (let i = 0; i < 48; i++) await loop.loop();
    expect(order).toHaveLength(50);
  });

  it('never counts fewer than no requests under way', () => {
    const turns = new BackgroundTurns(new HandTurnedLoop());
    turns.onlineRequestEnded();
    expect(turns.onlineUnderWay).toBe(0);
    turns.onlineRequestStarted();
    expect(turns.onlineUnderWay).toBe(1);
  });
});

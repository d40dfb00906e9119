import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  IDLE_CONNECTION_TIMEOUT_MS,
  keepConnectionForUpload,
  UPLOAD_IDLE_TIMEOUT_MS,
} from './requestTimeouts.ts';

describe('keepConnectionForUpload', () => {
  it('lets an upload wait its turn far past the idle timeout, then puts the connection back on it', () => {
    const timeouts: number[] = [];
    const socket = { setTimeout: (ms: number) => timeouts.push(ms) };
    const answer = new EventEmitter();
    keepConnectionForUpload({ socket, answer });
    expect(timeouts).toEqual([UPLOAD_IDLE_TIMEOUT_MS]);
    // Fifty uploads at once, two storing at a time: the last waits minutes, never the idle limit.
    expect(UPLOAD_IDLE_TIMEOUT_MS).toBeGreaterThan(4 * IDLE_CONNECTION_TIMEOUT_MS);

    answer.emit('close');
    expect(timeouts).toEqual([UPLOAD_IDLE_TIMEOUT_MS, IDLE_CONNECTION_TIMEOUT_MS]);
    answer.emit('close');
    expect(timeouts).toHaveLength(2);
  });

  it('does nothing without a real socket (an injected request has a stand-in without timeouts)', () => {
    // Typed as a socket, as light-my-request's stand-in is.
    const standIn = new EventEmitter() as unknown as { setTimeout(ms: number): unknown };
    for (const socket of [null, standIn]) {
      const answer = new EventEmitter();
      keepConnectionForUpload({ socket, answer });
      expect(answer.listenerCount('close')).toBe(0);
    }
  });
});

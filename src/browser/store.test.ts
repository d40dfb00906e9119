import { describe, expect, it } from 'vitest';
import { createStore } from './store.ts';

describe('createStore', () => {
  it('merges each change into a new state object and tells listeners until they stop', () => {
    const store = createStore({ phase: 'idle', unsent: 0 });
    const first = store.getState();
    const heard: number[] = [];
    const stop = store.subscribe(() => heard.push(store.getState().unsent));
    store.set({ unsent: 3 });
    expect(store.getState()).toEqual({ phase: 'idle', unsent: 3 });
    // A new object on every change, as useSyncExternalStore needs to notice it.
    expect(store.getState()).not.toBe(first);
    stop();
    store.set({ unsent: 4 });
    expect(heard).toEqual([3]);
  });
});

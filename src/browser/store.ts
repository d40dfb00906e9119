// A value that screens watch: either app subscribes with its own renderer's hook in one line,
// `useSyncExternalStore(store.subscribe, store.getState)`, so src/browser needs neither.

export interface Store<T> {
  getState(): T;
  /** Calls `listener` after every change; returns a function that stops it. */
  subscribe(listener: () => void): () => void;
  /** Merges `next` into the state and tells every listener. */
  set(next: Partial<T>): void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      state = { ...state, ...next };
      for (const listener of listeners) listener();
    },
  };
}

// Loads data that depends on filters or a page. Unlike useLoad, it loads again whenever `key`
// changes and keeps showing the previous data meanwhile, so a table does not blink on each page.
import { useEffect, useEffectEvent, useState } from 'react';

export interface Remote<T> {
  data: T | undefined;
  error: unknown;
  /** True until the data for the current key has arrived (or failed). */
  loading: boolean;
  /** Replace the data after a change made on the page. */
  replace(data: T): void;
}

/** `key` names what `load` fetches (e.g. the query string); `load` runs when the key changes. */
export function useRemote<T>(key: string, load: () => Promise<T>): Remote<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error: unknown }>({
    key: null,
    error: null,
  });
  const start = useEffectEvent(load);

  useEffect(() => {
    let cancelled = false;
    start().then(
      (data) => {
        if (!cancelled) setState({ key, data, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, key, error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key]);

  return {
    data: state.data,
    error: state.key === key ? state.error : null,
    loading: state.key !== key,
    replace: (data) => setState({ key, data, error: null }),
  };
}

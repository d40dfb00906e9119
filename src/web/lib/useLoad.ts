// Loads something once when a page opens. Pages that show another record get a new React `key`,
// so each record starts from "loading" rather than briefly showing the previous one.
import { useEffect, useState } from 'react';

export type Load<T> =
  { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; error: unknown };

/** Returns the load state and a function to replace the data after a change made on the page. */
export function useLoad<T>(load: () => Promise<T>): [Load<T>, replace: (data: T) => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [loader] = useState(() => load);

  useEffect(() => {
    let cancelled = false;
    loader().then(
      (data) => {
        if (!cancelled) setState({ status: 'loaded', data });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [loader]);

  return [state, (data) => setState({ status: 'loaded', data })];
}

// The search box and pager of the Patrons and Items screens. What was searched lives in the
// address (?q=…&page=…), so Back from a patron or an item returns to the same results. A scanned
// barcode is typed digits and Enter, like any search; Escape clears the box.
import { useEffect, useEffectEvent, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'wouter';
import { describeError } from '../api/client.ts';
import { LoadError } from './Alerts.tsx';

export interface SearchPageAnswer {
  matchedBy: 'barcode' | 'words';
  page: number;
  hasMore: boolean;
}

interface RecordSearchProps<T extends SearchPageAnswer> {
  label: string;
  hint: string;
  /** What the results are, e.g. "patrons". */
  noun: string;
  search(q: string, page: number): Promise<T>;
  /** Count of records on the page, for "No patrons match". */
  countOf(answer: T): number;
  /** A barcode found its one record: e.g. open it at once. */
  onBarcodeMatch?(answer: T): void;
  children(answer: T): ReactNode;
}

export function RecordSearch<T extends SearchPageAnswer>(props: RecordSearchProps<T>) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [typed, setTyped] = useState(q);
  // The answer of the last search to finish, by the search it answers ("q|page").
  const [result, setResult] = useState<{ key: string; answer: T | null; error: unknown }>({
    key: '',
    answer: null,
    error: null,
  });
  const field = useRef<HTMLInputElement>(null);
  // The screen's callbacks, read when a search starts and ends: only the address starts one.
  const startSearch = useEffectEvent((text: string, pageNumber: number) =>
    props.search(text, pageNumber),
  );
  const found = useEffectEvent((next: T) => {
    if (next.matchedBy === 'barcode' && props.countOf(next) === 1) props.onBarcodeMatch?.(next);
  });

  const key = `${q}|${page}`;
  useEffect(() => {
    if (q === '') return;
    let cancelled = false;
    startSearch(q, page).then(
      (next) => {
        if (cancelled) return;
        setResult({ key, answer: next, error: null });
        found(next);
      },
      (failure: unknown) => {
        if (!cancelled) setResult({ key, answer: null, error: failure });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [q, page, key]);
  const current = q !== '' && result.key === key ? result : null;
  const loading = q !== '' && current === null;
  const answer = current?.answer ?? null;
  const error = current?.error ?? null;

  function go(nextQ: string, nextPage: number) {
    setParams(new URLSearchParams({ q: nextQ, page: String(nextPage) }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    go(typed.trim(), 1);
    field.current?.select();
  }

  return (
    <>
      <form
        className="inline-form"
        role="search"
        onSubmit={onSubmit}
        aria-label={`Find ${props.noun}`}
      >
        <label>
          <span>{props.label}</span>
          <input
            ref={field}
            value={typed}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            aria-describedby="record-search-hint"
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setTyped('');
            }}
          />
        </label>
        <button type="submit" className="button--primary">
          Find
        </button>
        <p id="record-search-hint" className="muted">
          {props.hint}
        </p>
      </form>
      {error ? <LoadError>{describeError(error)}</LoadError> : null}
      <p className="muted" aria-live="polite">
        {loading ? 'Searching…' : ''}
        {!loading && answer && props.countOf(answer) === 0 ? `No ${props.noun} match “${q}”.` : ''}
      </p>
      {answer && props.countOf(answer) > 0 ? (
        <>
          {props.children(answer)}
          {answer.page > 1 || answer.hasMore ? (
            <nav className="pager" aria-label={`Pages of ${props.noun}`}>
              <button type="button" disabled={answer.page <= 1} onClick={() => go(q, page - 1)}>
                Previous
              </button>
              <span>Page {answer.page}</span>
              <button type="button" disabled={!answer.hasMore} onClick={() => go(q, page + 1)}>
                Next
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

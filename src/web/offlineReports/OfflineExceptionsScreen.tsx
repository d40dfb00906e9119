// "Offline exceptions" (supervisors): transactions that could not be applied, oldest first, to fix
// and apply again or dismiss with a reason. Nothing here is ever deleted.
import { useState } from 'react';
import type { OfflineException } from '../../shared/api/offline.ts';
import { api, describeError } from '../api/client.ts';
import { LoadError } from '../components/Alerts.tsx';
import { ExceptionCard } from './ExceptionCard.tsx';
import { Pager } from './Pager.tsx';
import { SupervisorOnly } from './SupervisorOnly.tsx';
import { useRemote } from './useRemote.ts';

/** Exceptions per page: each one is a small form to work through. */
const EXCEPTIONS_PAGE_SIZE = 25;

export function OfflineExceptionsScreen() {
  return (
    <main className="screen" aria-labelledby="offline-exceptions-title">
      <h1 id="offline-exceptions-title">Offline exceptions</h1>
      <p className="muted">
        Offline transactions that could not be applied, usually because a barcode is unknown. Fix
        the barcode and apply the transaction again, or dismiss it with a reason. Every action is
        recorded with who did it and when.
      </p>
      <SupervisorOnly action="offline.exceptions.manage" task="resolve offline exceptions">
        <ExceptionQueue />
      </SupervisorOnly>
    </main>
  );
}

function ExceptionQueue() {
  const [showResolved, setShowResolved] = useState(false);
  const [offset, setOffset] = useState(0);
  const state = showResolved ? 'all' : 'open';
  const list = useRemote(`${state}-${offset}`, () =>
    api.listOfflineExceptions(state, { limit: EXCEPTIONS_PAGE_SIZE, offset }),
  );

  function changed(updated: OfflineException) {
    if (!list.data) return;
    // Kept in place even when resolved, so the new outcome and its history stay in view.
    const resolvedNow =
      state === 'open' &&
      updated.status !== 'exception' &&
      list.data.exceptions.some((e) => e.id === updated.id && e.status === 'exception');
    list.replace({
      total: list.data.total - (resolvedNow ? 1 : 0),
      exceptions: list.data.exceptions.map((e) => (e.id === updated.id ? updated : e)),
    });
  }

  return (
    <>
      <div className="inline-form">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(event) => {
              setOffset(0);
              setShowResolved(event.target.checked);
            }}
          />
          Show resolved exceptions too
        </label>
      </div>
      {list.error ? <LoadError>{describeError(list.error)}</LoadError> : null}
      {list.data === undefined && list.loading ? (
        <p className="muted">Loading the exceptions…</p>
      ) : null}
      {list.data ? (
        <>
          <p role="status">
            {list.data.total === 0
              ? showResolved
                ? 'There have been no offline exceptions.'
                : 'No open exceptions: every offline transaction has been applied or resolved.'
              : `${list.data.total} ${showResolved ? '' : 'open '}${list.data.total === 1 ? 'exception' : 'exceptions'}.`}
          </p>
          {list.data.exceptions.map((exception) => (
            <ExceptionCard key={exception.id} exception={exception} onChanged={changed} />
          ))}
          <Pager
            offset={offset}
            pageSize={EXCEPTIONS_PAGE_SIZE}
            total={list.data.total}
            noun="exceptions"
            onChange={setOffset}
          />
        </>
      ) : null}
    </>
  );
}

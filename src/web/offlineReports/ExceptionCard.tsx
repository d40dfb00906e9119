// One offline exception: what was recorded and why it could not be applied; "Apply again" with
// corrected barcodes, or "Dismiss" with a reason (and, for an offline registration, merge or
// confirm it); then the new outcome and who did what, when.
import { useId, useRef, useState, type FormEvent } from 'react';
import type {
  ExceptionAction,
  OfflineException,
  RegistrationDecision,
} from '../../shared/api/offline.ts';
import { api, describeError } from '../api/client.ts';
import { formatDate, formatDateTime } from '../../shared/calendar/formatDates.ts';
import { useBranchTimeZone } from '../session/SessionContext.tsx';
import { describeAction } from './exceptionWords.ts';
import { OUTCOME_NAMES, TRANSACTION_TYPE_NAMES } from './outcomeWords.ts';

export interface ExceptionCardProps {
  exception: OfflineException;
  onChanged(exception: OfflineException): void;
}

export function ExceptionCard({ exception, onChanged }: ExceptionCardProps) {
  const timeZone = useBranchTimeZone();
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = exception.status === 'exception';
  const card = useRef<HTMLElement>(null);

  async function act(action: () => Promise<{ exception: OfflineException }>) {
    setError(null);
    setNotice(null);
    setBusy(true);
    let stillOpen = true;
    try {
      const changed = (await action()).exception;
      stillOpen = changed.status === 'exception';
      // The card would look just as before, so say that the attempt was made and failed again.
      if (changed.status === 'exception') setNotice(stillAnException(changed.message ?? ''));
      onChanged(changed);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
    // The pressed button was disabled while busy, or is gone: resolved, focus the card's heading
    // (its new outcome follows, and Tab goes on to the next card); still open, the first barcode
    // to correct again.
    requestAnimationFrame(() => {
      const target = stillOpen
        ? card.current?.querySelector<HTMLInputElement>('form input')
        : card.current?.querySelector<HTMLElement>('h2');
      target?.focus();
    });
  }

  return (
    <section ref={card} className="exception-card" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {TRANSACTION_TYPE_NAMES[exception.type]} at {exception.workstation}, no.{' '}
        {exception.sequence}
      </h2>
      <p className="exception-card__meta">
        {formatDateTime(exception.correctedAt, timeZone)} · recorded by {exception.staffUsername} ·
        sent by {exception.sentBy.username}
        {exception.sentFrom === null ? '' : ` at ${exception.sentFrom}`}
        {exception.dueAt !== null ? ` · due ${formatDate(exception.dueAt, timeZone)}` : ''}
      </p>
      <p>
        <span className={`outcome outcome--${exception.status}`}>
          {OUTCOME_NAMES[exception.status]}
        </span>{' '}
        {exception.message}
      </p>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
      <p role="status" className="exception-card__notice">
        {notice}
      </p>
      {open ? (
        <div className="exception-card__actions">
          <RegistrationDecisions
            exception={exception}
            busy={busy}
            onDecide={(decision) =>
              act(() => api.decideOfflineRegistration(exception.id, decision))
            }
          />
          <ReapplyForm
            exception={exception}
            busy={busy}
            onSubmit={(c) => act(() => api.reapplyOfflineException(exception.id, c))}
          />
          <DismissForm
            busy={busy}
            onSubmit={(reason) => act(() => api.dismissOfflineException(exception.id, { reason }))}
          />
        </div>
      ) : null}
      {exception.actions.length > 0 ? <History actions={exception.actions} /> : null}
    </section>
  );
}

function stillAnException(message: string): string {
  return `Tried again: still an exception. ${message} Correct a barcode and apply it again, or dismiss it with a reason.`;
}

/**
 * A registration held with the loans on its card: the supervisor decides who the card is for.
 * Nothing for other exceptions, nor for a registration held for another reason.
 */
function RegistrationDecisions({
  exception,
  busy,
  onDecide,
}: {
  exception: OfflineException;
  busy: boolean;
  onDecide(decision: RegistrationDecision): Promise<void>;
}) {
  if (exception.type !== 'registration') return null;
  const card = exception.patronBarcode ?? '';
  if (exception.codes.includes('BARCODE_IN_USE')) {
    return (
      <div className="inline-form">
        <button type="button" disabled={busy} onClick={() => void onDecide('lend_to_card_owner')}>
          Lend to {exception.patronName ?? `the patron with card ${card}`}
        </button>
      </div>
    );
  }
  if (exception.codes.includes('LIKELY_DUPLICATE_PATRON')) {
    return (
      <div className="inline-form">
        <button type="button" disabled={busy} onClick={() => void onDecide('merge')}>
          Same patron: merge
        </button>
        <button type="button" disabled={busy} onClick={() => void onDecide('register_new_patron')}>
          Register as a new patron
        </button>
      </div>
    );
  }
  return null;
}

function ReapplyForm({
  exception,
  busy,
  onSubmit,
}: {
  exception: OfflineException;
  busy: boolean;
  onSubmit(correction: { patronBarcode?: string; itemBarcode?: string }): Promise<void>;
}) {
  const [patronBarcode, setPatronBarcode] = useState(exception.patronBarcode ?? '');
  const [itemBarcode, setItemBarcode] = useState(exception.itemBarcode ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    // Only what is filled in; an unchanged barcode re-applies as recorded (e.g. after adding the item).
    void onSubmit({
      patronBarcode: patronBarcode.trim() || undefined,
      itemBarcode: itemBarcode.trim() || undefined,
    });
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      {exception.type !== 'registration' &&
      (exception.patronBarcode !== null || exception.type === 'check_out') ? (
        <label>
          <span>Patron barcode</span>
          <input
            className="barcode"
            value={patronBarcode}
            onChange={(event) => setPatronBarcode(event.target.value)}
            autoComplete="off"
          />
        </label>
      ) : null}
      {exception.type === 'registration' ? null : (
        <label>
          <span>Item barcode</span>
          <input
            className="barcode"
            value={itemBarcode}
            onChange={(event) => setItemBarcode(event.target.value)}
            autoComplete="off"
          />
        </label>
      )}
      <button type="submit" className="button--primary" disabled={busy}>
        Apply again
      </button>
    </form>
  );
}

function DismissForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit(reason: string): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(reason);
      }}
    >
      <label className="exception-card__reason">
        <span>Reason</span>
        <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />
      </label>
      <button type="submit" disabled={busy}>
        Dismiss
      </button>
    </form>
  );
}

function History({ actions }: { actions: readonly ExceptionAction[] }) {
  const timeZone = useBranchTimeZone();
  return (
    <>
      <h3>History</h3>
      <ol className="exception-card__history">
        {actions.map((action, index) => (
          <li key={`${action.at}-${index}`}>{describeAction(action, timeZone)}</li>
        ))}
      </ol>
    </>
  );
}

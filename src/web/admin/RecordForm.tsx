// The form every administration page opens to add, change or remove a record: the focus goes into
// its first field, Escape leaves it, and a refusal shows beside it while everything typed stays.
import {
  cloneElement,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import { describeError } from '../api/client.ts';
import { FormProblem } from './parseOrThrow.ts';

export function RecordForm({
  title,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  /** The form's name, e.g. "Add a branch" or "Change Main Library". */
  title: string;
  submitLabel: string;
  /** Saves; a thrown error (a refusal, no server) is shown and the form stays open. */
  onSubmit(): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The first field; a form with none (a confirmation) starts on Cancel, never on the change.
    const first = form.current?.querySelector<HTMLElement>(
      'input:not([type="hidden"]):not(:disabled), select, textarea',
    );
    (first ?? cancel.current)?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSubmit();
    } catch (failure) {
      setError(failure instanceof FormProblem ? failure.message : describeError(failure));
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form
      ref={form}
      className="record-form"
      aria-label={title}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
    >
      <h2>{title}</h2>
      <div className="record-form__fields">{children}</div>
      <div role="alert" className="alerts">
        {error ? <p>{error}</p> : null}
      </div>
      <div className="actions">
        <button type="submit" className="button--primary" disabled={saving}>
          {submitLabel}
        </button>
        <button ref={cancel} type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * A labelled field inside a RecordForm; `hint` says what the field means and is read after the
 * label (aria-describedby), so the field's name stays the label alone.
 */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ReactElement<{ id?: string; 'aria-describedby'?: string }>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="record-form__field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, ...(hint ? { 'aria-describedby': hintId } : {}) })}
      {hint ? (
        <small id={hintId} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** The number typed, or NaN when it is not one, so the contract's message explains it. */
export function numberFrom(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

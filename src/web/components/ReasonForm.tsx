// A supervisor's reason, asked before doing what the desk alone may not ("Renew anyway", "Lend
// anyway" past a hold): one field, a button that does it, Cancel or Escape to back out. An empty
// reason is refused in words, since the reason is what the record keeps.
import { useState } from 'react';

export function ReasonForm({
  name,
  question,
  submitLabel,
  whenEmpty,
  onReason,
  onCancel,
}: {
  /** The form's accessible name, e.g. "Renew anyway". */
  name: string;
  /** The field's label, e.g. 'Why renew "Emma" anyway?'. */
  question: string;
  submitLabel: string;
  /** Said when the reason is left empty: what the reason is kept for. */
  whenEmpty: string;
  onReason(reason: string): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      aria-label={name}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const given = reason.trim();
        if (given === '') {
          setProblem(whenEmpty);
          return;
        }
        onReason(given);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <label>
        <span>{question}</span>
        <input
          autoFocus
          value={reason}
          maxLength={200}
          onChange={(event) => {
            setReason(event.target.value);
            setProblem(null);
          }}
        />
      </label>
      <button type="submit" className="button--primary">
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {problem ? (
        <div role="alert" className="alerts">
          <p>{problem}</p>
        </div>
      ) : null}
    </form>
  );
}

// Special Loan on the Check Out screen: a due date (or number of loan days) for the next loan only,
// or for every loan of this patron until Complete. Opening it moves focus into it; Escape closes it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SpecialLoanScope } from '../../browser/checkout/checkOutSession.ts';
import type { SpecialLoanTerm } from '../../shared/offline/dueDate.ts';
import { SpecialLoanFields } from './SpecialLoanFields.tsx';
import { EMPTY_TERM_DRAFT, parseTermDraft } from '../../browser/checkout/specialLoanTerm.ts';

export function SpecialLoanForm(props: {
  today: () => string;
  onApply: (scope: SpecialLoanScope, term: SpecialLoanTerm) => void;
  onCancel: () => void;
}) {
  const [scope, setScope] = useState<SpecialLoanScope>('next');
  const [draft, setDraft] = useState(EMPTY_TERM_DRAFT);
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // Into the form at once, so the keys pressed next choose the loan's term.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTermDraft(draft, props.today());
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    props.onApply(scope, parsed.term);
  };

  return (
    <form
      ref={form}
      className="panel"
      aria-label="Special Loan"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2>Special Loan</h2>
      <fieldset>
        <legend>Applies to</legend>
        <label className="choice">
          <input
            type="radio"
            name="special-loan-scope"
            checked={scope === 'next'}
            onChange={() => setScope('next')}
          />
          The next loan only
        </label>
        <label className="choice">
          <input
            type="radio"
            name="special-loan-scope"
            checked={scope === 'patron'}
            onChange={() => setScope('patron')}
          />
          All loans of this patron until Complete
        </label>
      </fieldset>
      <SpecialLoanFields value={draft} onChange={setDraft} />
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          Apply Special Loan
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

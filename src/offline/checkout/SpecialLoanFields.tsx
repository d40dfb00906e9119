// The "due date or number of loan days" choice used by both Special Loan forms.
import { useId } from 'react';
import type { TermDraft } from '../../browser/checkout/specialLoanTerm.ts';

export function SpecialLoanFields(props: {
  value: TermDraft;
  onChange: (value: TermDraft) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const { value, onChange, disabled = false } = props;
  return (
    <fieldset disabled={disabled}>
      <legend>Due date</legend>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-date`}
          name={`${id}-mode`}
          checked={value.mode === 'date'}
          onChange={() => onChange({ ...value, mode: 'date' })}
        />
        <label htmlFor={`${id}-date`}>On a date</label>
        <input
          type="date"
          aria-label="Special due date"
          value={value.date}
          disabled={disabled || value.mode !== 'date'}
          onChange={(event) => onChange({ ...value, mode: 'date', date: event.target.value })}
        />
      </div>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-days`}
          name={`${id}-mode`}
          checked={value.mode === 'days'}
          onChange={() => onChange({ ...value, mode: 'days' })}
        />
        <label htmlFor={`${id}-days`}>After a number of loan days</label>
        <input
          type="number"
          min={0}
          max={3650}
          aria-label="Number of loan days"
          value={value.days}
          disabled={disabled || value.mode !== 'days'}
          onChange={(event) => onChange({ ...value, mode: 'days', days: event.target.value })}
        />
      </div>
    </fieldset>
  );
}

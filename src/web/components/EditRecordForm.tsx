// The form a patron's or an item's page opens to edit the record: it waits for the choices its
// fields offer (patron types, material types, branches), checks what was typed against the API
// contract before saving, Escape leaves it, and a problem shows below it while everything stays.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import type { RecordChoices } from '../../shared/api/patrons.ts';
import { api, describeError } from '../api/client.ts';
import { useLoad } from '../lib/useLoad.ts';
import { LoadError } from './Alerts.tsx';

export function EditRecordForm<Values>({
  label,
  contract,
  values,
  onSave,
  onCancel,
  renderFields,
}: {
  /** The form's accessible name, e.g. "Edit item". */
  label: string;
  /** The API's schema for the changes, whose first complaint is shown. */
  contract: z.ZodType;
  values: Values;
  onSave(values: Values): Promise<void>;
  onCancel(): void;
  renderFields(choices: RecordChoices): ReactNode;
}) {
  const [choices] = useLoad(() => api.getRecordChoices());
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = contract.safeParse(values);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setProblem(null);
    void onSave(values);
  }

  if (choices.status !== 'loaded') {
    return choices.status === 'failed' ? (
      <LoadError>{describeError(choices.error)}</LoadError>
    ) : null;
  }
  return (
    <form
      className="record-form"
      aria-label={label}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {renderFields(choices.data)}
      <div className="actions record-actions">
        <button type="submit" className="button--primary">
          Save changes
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div role="alert" className="alerts">
        {problem ? <p>{problem}</p> : null}
      </div>
    </form>
  );
}

// Patron types: the kinds of borrower (adult, child, staff…), each with how long a new or renewed
// card is valid. Loan rules are set per patron type and material type.
import { useState } from 'react';
import {
  NewPatronType,
  PatronTypeChange,
  type PatronTypeRecord,
} from '../../shared/api/administration.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, numberFrom, RecordForm } from './RecordForm.tsx';
import { useEditing } from './useEditing.ts';

export function PatronTypesScreen() {
  const session = useSession();
  const canManage = may(session, 'patronTypes.manage');
  const [version, setVersion] = useState(0);
  const types = useRemote(`patron-types-${version}`, () => api.listPatronTypes());
  const { editing, open, close } = useEditing<PatronTypeRecord>();

  function saved() {
    setVersion((v) => v + 1);
    close();
  }

  return (
    <AdminPage
      id="patron-types"
      title="Patron types"
      intro="The kinds of borrower. Each has its own loan rules, and a card period: how long a new or renewed card of this type is valid."
    >
      {canManage ? (
        <button type="button" className="button--primary" onClick={() => open({ kind: 'new' })}>
          Add patron type
        </button>
      ) : null}
      {editing ? (
        <PatronTypeForm
          patronType={editing.kind === 'edit' ? editing.record : null}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      <ListState remote={types} noun="patron types" />
      {types.data ? (
        <table className="loan-table">
          <caption>Patron types</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Card valid for</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {types.data.patronTypes.map((type) => (
              <tr key={type.id}>
                <td>{type.code}</td>
                <td>{type.name}</td>
                <td>{type.cardMonths === 1 ? '1 month' : `${type.cardMonths} months`}</td>
                {canManage ? (
                  <td>
                    <button
                      type="button"
                      aria-label={`Edit ${type.name}`}
                      onClick={() => open({ kind: 'edit', record: type })}
                    >
                      Edit
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminPage>
  );
}

function PatronTypeForm({
  patronType,
  onSaved,
  onCancel,
}: {
  patronType: PatronTypeRecord | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const [code, setCode] = useState(patronType?.code ?? '');
  const [name, setName] = useState(patronType?.name ?? '');
  const [cardMonths, setCardMonths] = useState(String(patronType?.cardMonths ?? 36));

  async function submit() {
    const change = { name, cardMonths: numberFrom(cardMonths) };
    if (patronType) {
      await api.changePatronType(patronType.id, parseOrThrow(PatronTypeChange, change));
    } else {
      await api.createPatronType(parseOrThrow(NewPatronType, { ...change, code }));
    }
    onSaved();
  }

  return (
    <RecordForm
      title={patronType ? `Change ${patronType.name}` : 'Add a patron type'}
      submitLabel={patronType ? 'Save patron type' : 'Add patron type'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {patronType ? null : (
        <Field
          label="Code"
          hint="Short, no spaces, e.g. ADULT. Import files use it; it cannot change later."
        >
          <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
        </Field>
      )}
      <Field label="Name">
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Card valid for (months)" hint="Cards already issued keep their expiry date.">
        <input
          inputMode="numeric"
          value={cardMonths}
          onChange={(e) => setCardMonths(e.target.value)}
        />
      </Field>
    </RecordForm>
  );
}

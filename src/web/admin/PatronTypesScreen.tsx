// Patron types: the kinds of borrower (adult, child, staff…), each with how long a new or renewed
// card is valid. Loan rules are set per patron type and material type.
import { useState } from 'react';
import {
  NewPatronType,
  PatronTypeChange,
  type PatronTypeList,
  type PatronTypeRecord,
} from '../../shared/api/administration.ts';
import { api } from '../api/client.ts';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { CodeAndNameFields } from './CodeAndNameFields.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, numberFrom, RecordForm } from './RecordForm.tsx';
import { RecordTable } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

export function PatronTypesScreen() {
  const { canManage, list, editing, open, close, saved } = useAdminList<
    PatronTypeList,
    PatronTypeRecord
  >('patron-types', 'patronTypes.manage', () => api.listPatronTypes());

  return (
    <AdminPage
      id="patron-types"
      title="Patron types"
      intro="The kinds of borrower. Each has its own loan rules, and a card period: how long a new or renewed card of this type is valid."
    >
      <AddRecordButton
        canManage={canManage}
        label="Add patron type"
        onClick={() => open({ kind: 'new' })}
      />
      {editing ? (
        <PatronTypeForm
          patronType={editing.kind === 'edit' ? editing.record : null}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      <ListState remote={list} noun="patron types" />
      {list.data ? (
        <RecordTable
          caption="Patron types"
          columns={[
            { header: 'Code', cell: (type) => type.code },
            { header: 'Name', cell: (type) => type.name },
            {
              header: 'Card valid for',
              cell: (type) => (type.cardMonths === 1 ? '1 month' : `${type.cardMonths} months`),
            },
          ]}
          records={list.data.patronTypes}
          actions={
            canManage
              ? (type) => [
                  {
                    label: 'Edit',
                    name: `Edit ${type.name}`,
                    onClick: () => open({ kind: 'edit', record: type }),
                  },
                ]
              : undefined
          }
        />
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
      <CodeAndNameFields
        adding={patronType === null}
        code={code}
        setCode={setCode}
        codeHint="Short, no spaces, e.g. ADULT. Import files use it; it cannot change later."
        name={name}
        setName={setName}
      />
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

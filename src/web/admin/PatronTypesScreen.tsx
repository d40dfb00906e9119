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
import { CodeAndNameFields } from './CodeAndNameFields.tsx';
import { CodedRecordsPage } from './CodedRecordsPage.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, numberFrom, RecordForm } from './RecordForm.tsx';

export function PatronTypesScreen() {
  return (
    <CodedRecordsPage
      id="patron-types"
      title="Patron types"
      intro="The kinds of borrower. Each has its own loan rules, and a card period: how long a new or renewed card of this type is valid."
      noun="patron types"
      addLabel="Add patron type"
      manage="patronTypes.manage"
      load={() => api.listPatronTypes()}
      records={(list: PatronTypeList) => list.patronTypes}
      moreColumns={[
        {
          header: 'Card valid for',
          cell: (type) => (type.cardMonths === 1 ? '1 month' : `${type.cardMonths} months`),
        },
      ]}
      renderForm={(patronType, done) => <PatronTypeForm patronType={patronType} {...done} />}
    />
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

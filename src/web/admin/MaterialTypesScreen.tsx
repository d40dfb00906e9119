// Material types: the kinds of item (book, DVD, magazine…). Loan rules are set per patron type and
// material type.
import { useState } from 'react';
import {
  MaterialTypeChange,
  NewMaterialType,
  type MaterialTypeList,
  type MaterialTypeRecord,
} from '../../shared/api/administration.ts';
import { api } from '../api/client.ts';
import { CodeAndNameFields } from './CodeAndNameFields.tsx';
import { CodedRecordsPage } from './CodedRecordsPage.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { RecordForm } from './RecordForm.tsx';

export function MaterialTypesScreen() {
  return (
    <CodedRecordsPage
      id="material-types"
      title="Material types"
      intro="The kinds of item the library lends. Each has its own loan rules for each patron type."
      noun="material types"
      addLabel="Add material type"
      manage="materialTypes.manage"
      load={() => api.listMaterialTypes()}
      records={(list: MaterialTypeList) => list.materialTypes}
      renderForm={(materialType, done) => (
        <MaterialTypeForm materialType={materialType} {...done} />
      )}
    />
  );
}

function MaterialTypeForm({
  materialType,
  onSaved,
  onCancel,
}: {
  materialType: MaterialTypeRecord | null;
  onSaved(): void;
  onCancel(): void;
}) {
  const [code, setCode] = useState(materialType?.code ?? '');
  const [name, setName] = useState(materialType?.name ?? '');

  async function submit() {
    if (materialType) {
      await api.changeMaterialType(materialType.id, parseOrThrow(MaterialTypeChange, { name }));
    } else {
      await api.createMaterialType(parseOrThrow(NewMaterialType, { code, name }));
    }
    onSaved();
  }

  return (
    <RecordForm
      title={materialType ? `Change ${materialType.name}` : 'Add a material type'}
      submitLabel={materialType ? 'Save material type' : 'Add material type'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <CodeAndNameFields
        adding={materialType === null}
        code={code}
        setCode={setCode}
        codeHint="Short, no spaces, e.g. BOOK. Import files use it; it cannot change later."
        name={name}
        setName={setName}
      />
    </RecordForm>
  );
}

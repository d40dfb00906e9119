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
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { CodeAndNameFields } from './CodeAndNameFields.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { RecordForm } from './RecordForm.tsx';
import { RecordTable } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

export function MaterialTypesScreen() {
  const { canManage, list, editing, open, close, saved } = useAdminList<
    MaterialTypeList,
    MaterialTypeRecord
  >('material-types', 'materialTypes.manage', () => api.listMaterialTypes());

  return (
    <AdminPage
      id="material-types"
      title="Material types"
      intro="The kinds of item the library lends. Each has its own loan rules for each patron type."
    >
      <AddRecordButton
        canManage={canManage}
        label="Add material type"
        onClick={() => open({ kind: 'new' })}
      />
      {editing ? (
        <MaterialTypeForm
          materialType={editing.kind === 'edit' ? editing.record : null}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      <ListState remote={list} noun="material types" />
      {list.data ? (
        <RecordTable
          caption="Material types"
          columns={[
            { header: 'Code', cell: (type) => type.code },
            { header: 'Name', cell: (type) => type.name },
          ]}
          records={list.data.materialTypes}
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

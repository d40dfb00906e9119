// Material types: the kinds of item (book, DVD, magazine…). Loan rules are set per patron type and
// material type.
import { useState } from 'react';
import {
  MaterialTypeChange,
  NewMaterialType,
  type MaterialTypeRecord,
} from '../../shared/api/administration.ts';
import { api } from '../api/client.ts';
import { useRemote } from '../offlineReports/useRemote.ts';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { parseOrThrow } from './parseOrThrow.ts';
import { Field, RecordForm } from './RecordForm.tsx';
import { useEditing } from './useEditing.ts';

export function MaterialTypesScreen() {
  const session = useSession();
  const canManage = may(session, 'materialTypes.manage');
  const [version, setVersion] = useState(0);
  const types = useRemote(`material-types-${version}`, () => api.listMaterialTypes());
  const { editing, open, close } = useEditing<MaterialTypeRecord>();

  function saved() {
    setVersion((v) => v + 1);
    close();
  }

  return (
    <AdminPage
      id="material-types"
      title="Material types"
      intro="The kinds of item the library lends. Each has its own loan rules for each patron type."
    >
      {canManage ? (
        <button type="button" className="button--primary" onClick={() => open({ kind: 'new' })}>
          Add material type
        </button>
      ) : null}
      {editing ? (
        <MaterialTypeForm
          materialType={editing.kind === 'edit' ? editing.record : null}
          onSaved={saved}
          onCancel={close}
        />
      ) : null}
      <ListState remote={types} noun="material types" />
      {types.data ? (
        <table className="loan-table">
          <caption>Material types</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              {canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {types.data.materialTypes.map((type) => (
              <tr key={type.id}>
                <td>{type.code}</td>
                <td>{type.name}</td>
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
      {materialType ? null : (
        <Field
          label="Code"
          hint="Short, no spaces, e.g. BOOK. Import files use it; it cannot change later."
        >
          <input value={code} maxLength={20} onChange={(e) => setCode(e.target.value)} />
        </Field>
      )}
      <Field label="Name">
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
    </RecordForm>
  );
}

// The page of a kind of record named by a code and changed in one form (branches, patron types,
// material types): the Add button, the open form, and the table with each record's Edit button.
import type { ReactNode } from 'react';
import type { StaffAction } from '../../shared/api/actions.ts';
import { AddRecordButton } from './AddRecordButton.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ListState } from './ListState.tsx';
import { RecordTable, type RecordColumn } from './RecordTable.tsx';
import { useAdminList } from './useAdminList.ts';

export function CodedRecordsPage<List, T extends { id: number; code: string; name: string }>({
  id,
  title,
  intro,
  noun,
  addLabel,
  manage,
  load,
  records,
  moreColumns = [],
  renderForm,
}: {
  /** The page's id; it also names the list for loading. */
  id: string;
  title: string;
  intro: ReactNode;
  /** The records in the plural, lower case, e.g. "patron types". */
  noun: string;
  addLabel: string;
  /** The action that adds and changes these records. */
  manage: StaffAction;
  load(): Promise<List>;
  records(list: List): readonly T[];
  /** The columns after Code and Name. */
  moreColumns?: readonly RecordColumn<T>[];
  /** The Add form (record null) or Change form, which calls `onSaved` or `onCancel`. */
  renderForm(record: T | null, done: { onSaved(): void; onCancel(): void }): ReactNode;
}) {
  const { canManage, list, editing, open, close, saved } = useAdminList<List, T>(id, manage, load);

  return (
    <AdminPage id={id} title={title} intro={intro}>
      <AddRecordButton
        canManage={canManage}
        label={addLabel}
        onClick={() => open({ kind: 'new' })}
      />
      {editing
        ? renderForm(editing.kind === 'edit' ? editing.record : null, {
            onSaved: saved,
            onCancel: close,
          })
        : null}
      <ListState remote={list} noun={noun} />
      {list.data ? (
        <RecordTable
          caption={title}
          columns={[
            { header: 'Code', cell: (record) => record.code },
            { header: 'Name', cell: (record) => record.name },
            ...moreColumns,
          ]}
          records={records(list.data)}
          actions={
            canManage
              ? (record) => [
                  {
                    label: 'Edit',
                    name: `Edit ${record.name}`,
                    onClick: () => open({ kind: 'edit', record }),
                  },
                ]
              : undefined
          }
        />
      ) : null}
    </AdminPage>
  );
}

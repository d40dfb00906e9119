// What staff may do on an item's page, each offered only when the session grants it: edit it,
// mark it lost, missing, damaged or available, withdraw it. The server says no (with the reason)
// to what cannot be done now, e.g. marking an item on loan damaged; a withdrawn item is history.
import { useRef, useState } from 'react';
import type { Item } from '../../shared/api/circulation.ts';
import { ItemChanges, type MarkableItemStatus } from '../../shared/api/items.ts';
import { api, describeError } from '../api/client.ts';
import { EditRecordForm } from '../components/EditRecordForm.tsx';
import { may } from '../session/may.ts';
import { useSession } from '../session/SessionContext.tsx';
import { ItemFields, type ItemFieldValues } from './ItemFields.tsx';
import { ITEM_STATUS_NAMES } from './itemStatusNames.ts';

const MARKS: readonly MarkableItemStatus[] = ['lost', 'missing', 'damaged', 'available'];

export function ItemActions({ item, onChanged }: { item: Item; onChanged(item: Item): void }) {
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const actionsRef = useRef<HTMLDivElement>(null);

  if (item.status === 'withdrawn') {
    // Said as a status, so withdrawing is announced where the buttons were.
    return (
      <p className="muted" role="status">
        Withdrawn: kept for its loan history, never lent again.
      </p>
    );
  }

  async function run(action: () => Promise<{ item: Item }>, said: (item: Item) => string) {
    setError(null);
    try {
      const { item: next } = await action();
      onChanged(next);
      setEditing(false);
      setDone(said(next));
      actionsRef.current?.querySelector('button')?.focus();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <section aria-label="Item actions">
      <div className="actions record-actions" ref={actionsRef}>
        {may(session, 'item.edit') ? (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
        {may(session, 'item.markStatus')
          ? MARKS.filter((status) => status !== item.status).map((status) => (
              <button
                key={status}
                type="button"
                onClick={() =>
                  void run(
                    () => api.markItemStatus(item.id, status),
                    (next) => `Marked ${ITEM_STATUS_NAMES[next.status].toLowerCase()}.`,
                  )
                }
              >
                Mark {ITEM_STATUS_NAMES[status].toLowerCase()}
              </button>
            ))
          : null}
        {may(session, 'item.withdraw') ? (
          <button
            type="button"
            onClick={() =>
              void run(
                () => api.withdrawItem(item.id),
                () => 'Withdrawn: the item is kept for its history and will not be lent again.',
              )
            }
          >
            Withdraw
          </button>
        ) : null}
      </div>
      <p role="status">{done}</p>
      {editing ? (
        <EditItem
          item={item}
          onCancel={() => {
            setEditing(false);
            actionsRef.current?.querySelector('button')?.focus();
          }}
          onSave={(changes) =>
            run(
              () => api.editItem(item.id, changes),
              () => 'Changes saved.',
            )
          }
        />
      ) : null}
      {error ? (
        <div role="alert" className="alerts">
          <p>{error}</p>
        </div>
      ) : null}
    </section>
  );
}

function EditItem({
  item,
  onSave,
  onCancel,
}: {
  item: Item;
  onSave(changes: ItemFieldValues): Promise<void>;
  onCancel(): void;
}) {
  const [values, setValues] = useState<ItemFieldValues>({
    title: item.title,
    author: item.author,
    callNumber: item.callNumber,
    materialType: item.materialType.code,
    branch: item.branch.code,
  });
  return (
    <EditRecordForm
      label="Edit item"
      contract={ItemChanges}
      values={values}
      onSave={onSave}
      onCancel={onCancel}
      renderFields={(choices) => (
        <ItemFields values={values} choices={choices} onChange={setValues} />
      )}
    />
  );
}

// The table every administration list shows: one row per record, and for those who may change
// them a last column of buttons (Edit, Remove…), each named for its record so a screen reader
// hears which row it acts on.
import { Fragment, type ReactNode } from 'react';

export interface RecordColumn<T> {
  header: string;
  cell(record: T): ReactNode;
}

export interface RowAction {
  label: string;
  /** The accessible name, e.g. "Edit Main Library". */
  name: string;
  onClick(): void;
}

export function RecordTable<T extends { id: number }>({
  caption,
  columns,
  records,
  actions,
}: {
  caption: string;
  columns: readonly RecordColumn<T>[];
  records: readonly T[];
  /** The row's buttons; absent for those who may only read the list (no Change column). */
  actions?: (record: T) => readonly RowAction[];
}) {
  return (
    <table className="loan-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
          {actions ? <th scope="col">Change</th> : null}
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id}>
            {columns.map((column) => (
              <td key={column.header}>{column.cell(record)}</td>
            ))}
            {actions ? (
              <td className="nowrap">
                {actions(record).map((action, index) => (
                  <Fragment key={action.label}>
                    {index > 0 ? ' ' : null}
                    <button type="button" aria-label={action.name} onClick={action.onClick}>
                      {action.label}
                    </button>
                  </Fragment>
                ))}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

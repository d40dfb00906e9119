// The list under every desk screen of what was stored since the last Complete: "No." counts this
// list, then the item, the screen's own columns, and the workstation's running number ("Record
// no."), which the report and the exceptions queue name. A row shows only once stored durably.
import type { ReactNode } from 'react';

export interface RecordedRow {
  entry: { id: string; itemBarcode: string; sequence: number };
  /** The screen's own cells, in the order of its columns. */
  cells: readonly ReactNode[];
}

export function RecordedTable(props: {
  caption: string;
  /** The screen's own column headings, between "Item barcode" and "Record no.". */
  columns: readonly string[];
  rows: readonly RecordedRow[];
  /** What to do first, shown while the list is empty. */
  empty: string;
}) {
  const { caption, columns, rows, empty } = props;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">No.</th>
          <th scope="col">Item barcode</th>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">Record no.</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length + 3} className="empty">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map(({ entry, cells }, index) => (
            <tr key={entry.id}>
              <td>{index + 1}</td>
              <td>{entry.itemBarcode}</td>
              {cells.map((cell, column) => (
                <td key={columns[column]}>{cell}</td>
              ))}
              <td>{entry.sequence}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

// The desk's list tables (loans, the hold shelf, items in transit): a captioned table with one
// header row, or, when there is nothing to list, a section named by the caption saying so.
import type { ReactNode } from 'react';

export interface CaptionedTableProps {
  caption: string;
  /** The header cells, in column order. */
  columns: readonly string[];
  /** Nothing to list: the section shows `empty` instead of an empty table. */
  isEmpty: boolean;
  empty: string;
  /** The heading level of the empty section, to fit the screen's outline. */
  heading: 'h2' | 'h3';
  /** The body rows. */
  children: ReactNode;
}

export function CaptionedTable({
  caption,
  columns,
  isEmpty,
  empty,
  heading: Heading,
  children,
}: CaptionedTableProps) {
  if (isEmpty) {
    return (
      <section className="loan-table" aria-label={caption}>
        <Heading>{caption}</Heading>
        <p className="muted">{empty}</p>
      </section>
    );
  }
  return (
    <table className="loan-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

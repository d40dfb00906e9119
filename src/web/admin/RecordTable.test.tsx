import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RecordTable } from './RecordTable.tsx';

const branches = [
  { id: 1, code: 'MAIN', name: 'Main Library' },
  { id: 2, code: 'EAST', name: 'East Branch' },
];
const columns = [
  { header: 'Code', cell: (branch: (typeof branches)[number]) => branch.code },
  { header: 'Name', cell: (branch: (typeof branches)[number]) => branch.name },
];

describe('RecordTable', () => {
  it('shows a row per record under its caption, without a Change column for readers', () => {
    const html = renderToStaticMarkup(
      <RecordTable caption="Branches" columns={columns} records={branches} />,
    );
    expect(html).toContain('<caption>Branches</caption>');
    expect(html).toContain('<th scope="col">Code</th><th scope="col">Name</th></tr>');
    expect(html).toContain('<tr><td>MAIN</td><td>Main Library</td></tr>');
    expect(html).toContain('<tr><td>EAST</td><td>East Branch</td></tr>');
    expect(html).not.toContain('Change');
    expect(html).not.toContain('<button');
  });

  it("gives those who may change the records each row's buttons, named for the row", () => {
    const html = renderToStaticMarkup(
      <RecordTable
        caption="Branches"
        columns={columns}
        records={branches}
        actions={(branch) => [
          { label: 'Edit', name: `Edit ${branch.name}`, onClick: () => {} },
          { label: 'Remove', name: `Remove ${branch.name}`, onClick: () => {} },
        ]}
      />,
    );
    expect(html).toContain('<th scope="col">Name</th><th scope="col">Change</th>');
    expect(html).toContain(
      '<td class="nowrap"><button type="button" aria-label="Edit Main Library">Edit</button> ' +
        '<button type="button" aria-label="Remove Main Library">Remove</button></td>',
    );
    expect(html).toContain('aria-label="Remove East Branch"');
  });
});

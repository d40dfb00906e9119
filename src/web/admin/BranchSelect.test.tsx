import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BranchSelect } from './BranchSelect.tsx';
import { Field } from './RecordForm.tsx';

const branches = [
  { id: 1, name: 'Main Library' },
  { id: 7, name: 'East Branch' },
];

describe('BranchSelect', () => {
  it('starts on "Choose a branch" and offers each branch by name, valued by its id', () => {
    const html = renderToStaticMarkup(
      <BranchSelect branches={branches} value="" onChange={() => {}} />,
    );
    expect(html).toContain('<option value="" selected="">Choose a branch</option>');
    expect(html).toContain('<option value="1">Main Library</option>');
    expect(html).toContain('<option value="7">East Branch</option>');
  });

  it('shows the chosen branch and takes its label and hint from the Field around it', () => {
    const html = renderToStaticMarkup(
      <Field label="Home branch" hint="Where they usually work.">
        <BranchSelect branches={branches} value="7" onChange={() => {}} />
      </Field>,
    );
    const id = /<label for="([^"]+)">Home branch<\/label>/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toContain(`<select id="${id}" aria-describedby="${id}-hint">`);
    expect(html).toContain('<option value="7" selected="">East Branch</option>');
  });
});

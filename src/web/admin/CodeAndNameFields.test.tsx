import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AddRecordButton } from './AddRecordButton.tsx';
import { CodeAndNameFields } from './CodeAndNameFields.tsx';

const render = (adding: boolean) =>
  renderToStaticMarkup(
    <CodeAndNameFields
      adding={adding}
      code="BOOK"
      setCode={() => {}}
      codeHint="Short, no spaces."
      name="Book"
      setName={() => {}}
    />,
  );

const button = (canManage: boolean) =>
  renderToStaticMarkup(
    <AddRecordButton canManage={canManage} label="Add branch" onClick={() => {}} />,
  );

describe('CodeAndNameFields', () => {
  it('asks for the code, with its hint, only when adding', () => {
    const adding = render(true);
    expect(adding).toContain('>Code</label>');
    expect(adding).toContain('value="BOOK"');
    expect(adding).toContain('Short, no spaces.');
    expect(adding).toContain('>Name</label>');

    const changing = render(false);
    expect(changing).not.toContain('>Code</label>');
    expect(changing).not.toContain('BOOK');
    expect(changing).toContain('value="Book"');
  });
});

describe('AddRecordButton', () => {
  it('is shown only to those who may add', () => {
    expect(button(true)).toBe('<button type="button" class="button--primary">Add branch</button>');
    expect(button(false)).toBe('');
  });
});

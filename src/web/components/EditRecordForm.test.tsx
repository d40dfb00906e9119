import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Load } from '../lib/useLoad.ts';
import { EditRecordForm } from './EditRecordForm.tsx';

const choices = vi.hoisted(() => ({ state: { status: 'loading' } as Load<unknown> }));
vi.mock('../lib/useLoad.ts', () => ({ useLoad: () => [choices.state, () => {}] }));

const render = () =>
  renderToStaticMarkup(
    <EditRecordForm
      label="Edit item"
      contract={z.object({ title: z.string() })}
      values={{ title: 'Dune' }}
      onSave={() => Promise.resolve()}
      onCancel={() => {}}
      renderFields={(loaded) => <p>Branches: {loaded.branches.map((b) => b.name).join(', ')}</p>}
    />,
  );

describe('EditRecordForm', () => {
  it('shows nothing until the choices for its fields have come', () => {
    choices.state = { status: 'loading' };
    expect(render()).toBe('');
  });

  it('says why when the choices could not be loaded', () => {
    choices.state = { status: 'failed', error: new Error('a fault in the page') };
    const html = render();
    expect(html).toContain(
      '<div role="alert" class="alerts"><p>Something went wrong in this page.',
    );
    expect(html).not.toContain('<form');
  });

  it('shows the fields with the choices, then Save changes and Cancel', () => {
    choices.state = {
      status: 'loaded',
      data: {
        patronTypes: [],
        materialTypes: [],
        branches: [{ code: 'MAIN', name: 'Main', timeZone: 'UTC' }],
      },
    };
    const html = render();
    expect(html).toContain('<form class="record-form" aria-label="Edit item" noValidate="">');
    expect(html).toContain('<p>Branches: Main</p>');
    expect(html).toMatch(/<button type="submit" class="button--primary">Save changes<\/button>/);
    expect(html).toMatch(/<button type="button">Cancel<\/button>/);
  });
});

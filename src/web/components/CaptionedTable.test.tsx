import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CaptionedTable } from './CaptionedTable.tsx';

describe('CaptionedTable', () => {
  it('is a captioned table with one header cell per column around the rows', () => {
    const html = renderToStaticMarkup(
      <CaptionedTable
        caption="On the hold shelf"
        columns={['Title', 'Item barcode']}
        isEmpty={false}
        empty="Nothing waits."
        heading="h2"
      >
        <tr>
          <td>Dune</td>
          <td>30001</td>
        </tr>
      </CaptionedTable>,
    );
    expect(html).toBe(
      '<table class="loan-table"><caption>On the hold shelf</caption><thead><tr>' +
        '<th scope="col">Title</th><th scope="col">Item barcode</th></tr></thead>' +
        '<tbody><tr><td>Dune</td><td>30001</td></tr></tbody></table>',
    );
  });

  it('says so under a heading named like the caption when there is nothing to list', () => {
    const html = renderToStaticMarkup(
      <CaptionedTable caption="Loans" columns={['Title']} isEmpty empty="No loans." heading="h3">
        <tr />
      </CaptionedTable>,
    );
    expect(html).toBe(
      '<section class="loan-table" aria-label="Loans"><h3>Loans</h3><p class="muted">No loans.</p></section>',
    );
  });
});

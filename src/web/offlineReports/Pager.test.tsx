import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Pager } from './Pager.tsx';

const render = (offset: number, total: number) =>
  renderToStaticMarkup(
    <Pager offset={offset} pageSize={100} total={total} noun="transactions" onChange={() => {}} />,
  );

describe('Pager', () => {
  it('is not shown when everything fits on one page', () => {
    expect(render(0, 100)).toBe('');
  });

  it('says where the page is and disables the way past either end', () => {
    const first = render(0, 250);
    expect(first).toContain('1–100 of 250 transactions');
    expect(first).toMatch(/<button type="button" disabled="">Previous<\/button>/);
    expect(first).toMatch(/<button type="button">Next<\/button>/);

    const last = render(200, 250);
    expect(last).toContain('201–250 of 250 transactions');
    expect(last).toMatch(/<button type="button">Previous<\/button>/);
    expect(last).toMatch(/<button type="button" disabled="">Next<\/button>/);
  });
});

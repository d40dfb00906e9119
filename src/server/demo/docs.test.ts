import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBarcode, DEMO_BARCODE_RULES } from '../../shared/barcodes/barcodes.ts';
import { renderDemoDocs } from './docs.ts';
import { DEMO_DOCS_PATH } from './docsPath.ts';
import { markdownTable } from './markdown.ts';

const page = renderDemoDocs();

/** The rows of the table under a heading, as arrays of trimmed cells. */
function tableUnder(heading: string): string[][] {
  const section = page.split(`## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

describe('docs/demo.md', () => {
  it('is what the demo library generates (regenerate: npx tsx src/server/demo/writeDemoDocs.ts)', () => {
    expect(readFileSync(DEMO_DOCS_PATH, 'utf8')).toBe(page);
  });

  it('lists at least ten patrons, several of each status, with valid barcodes', () => {
    const patrons = tableUnder('Sample patrons');
    expect(patrons.length).toBeGreaterThanOrEqual(10);
    const statuses = patrons.map((row) => row[4]!.split(':')[0]);
    for (const status of ['good', 'expired', 'blocked']) {
      expect(statuses.filter((s) => s === status).length).toBeGreaterThanOrEqual(3);
    }
    for (const row of patrons) {
      expect(checkBarcode('patron', row[0]!, DEMO_BARCODE_RULES).ok).toBe(true);
    }
  });

  it('lists twenty items, including some on loan and some lost, with valid barcodes', () => {
    const items = tableUnder('Sample items');
    expect(items).toHaveLength(20);
    const statuses = items.map((row) => row[4]!);
    expect(statuses.filter((s) => s.startsWith('on loan to 2')).length).toBeGreaterThanOrEqual(2);
    expect(statuses).toContain('lost');
    expect(statuses).toContain('available');
    for (const row of items) {
      expect(checkBarcode('item', row[0]!, DEMO_BARCODE_RULES).ok).toBe(true);
    }
  });

  it('names the three sign-ins and the branches with their time zones', () => {
    expect(tableUnder('Sign-ins').map((row) => [row[0], row[2], row[3]])).toEqual([
      ['desk', 'circulation', 'circa-demo'],
      ['super', 'supervisor', 'circa-demo'],
      ['admin', 'admin', 'circa-demo'],
    ]);
    expect(tableUnder('Branches').map((row) => [row[0], row[2], row[3]])).toEqual([
      ['MAIN', 'America/Chicago', 'Sunday'],
      ['EAST', 'America/New_York', 'Sunday and Monday'],
      ['MOBILE', 'America/Denver', 'Saturday and Sunday'],
    ]);
    expect(tableUnder('Loan rules')).toContainEqual(['Adult', 'Book', 'Bookmobile', '28', '30']);
  });
});

describe('markdown tables', () => {
  it('pad every column to its widest cell, as Prettier lays them out', () => {
    expect(
      markdownTable(
        ['A', 'Title'],
        [
          ['1', 'x'],
          ['22', 'Longer title'],
        ],
      ),
    ).toBe(
      [
        '| A   | Title        |',
        '| --- | ------------ |',
        '| 1   | x            |',
        '| 22  | Longer title |',
      ].join('\n'),
    );
  });

  it('refuse a cell that would break the table', () => {
    expect(() => markdownTable(['A'], [['a|b']])).toThrow(/cannot hold/);
  });
});

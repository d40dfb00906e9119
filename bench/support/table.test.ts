import { describe, expect, it } from 'vitest';
import { renderTable, resultRows } from './table.ts';
import type { BenchResult } from './types.ts';

const result: BenchResult = {
  name: 'offline-processing',
  engine: 'sqlite',
  figures: { txPerSec: 25_000, seconds: 4 },
  baseline: { name: 'floor', figures: { txPerSec: 50_000, replayTxPerSec: 1_000 } },
  ratios: { txPerSec: 0.5, circaOverReplay: 25 },
  goal: { text: 'within 3× of the floor', met: true },
};

describe('the bench table', () => {
  it('puts each figure beside its baseline and ratio, and lists the rest on rows of their own', () => {
    expect(resultRows([result])).toEqual([
      ['offline-processing', 'sqlite', 'txPerSec', '25,000', '50,000', '0.5×', 'yes'],
      ['', '', 'seconds', '4', '', '', ''],
      ['', '', 'replayTxPerSec', '', '1,000', '', ''],
      ['', '', 'ratio circaOverReplay', '', '', '25×', ''],
    ]);
  });

  it('says NO for a goal not met and aligns the columns', () => {
    const table = renderTable([{ ...result, goal: { text: 'x', met: false } }]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^benchmark\s+engine\s+figure\s+value\s+baseline\s+ratio\s+goal met$/);
    expect(lines[2]).toContain('NO');
    expect(new Set(lines.slice(0, 2).map((l) => l.length)).size).toBe(1);
  });
});

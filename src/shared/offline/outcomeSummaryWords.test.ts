import { describe, expect, it } from 'vitest';
import {
  describeOutcomeSummary,
  describeRepeats,
  transactionCount,
} from './outcomeSummaryWords.ts';
import { buildSummary } from './outcomeSummary.testing.ts';

describe('the words after a sending', () => {
  it('counts every transaction once, whether the server had it before or not', () => {
    // The lost-answer re-send: 6 sent again, all 6 already on the server and applied.
    const lines = describeOutcomeSummary(buildSummary({ applied: 6 }));
    expect(lines).toEqual([
      '6 applied',
      '0 applied with warnings',
      '0 became exceptions for a supervisor to resolve',
    ]);
    expect(lines.join('\n')).not.toMatch(/already|before/);
    expect(describeRepeats(6, 6)).toBe(
      'All 6 transactions had reached the server before (with an earlier sending whose answer did not come back, or a backup file) and are counted once above: nothing was stored twice.',
    );
  });

  it('says how many of the sending had arrived before, as part of it, not beside it', () => {
    expect(describeRepeats(2_000, 3_000)).toMatch(
      /^Of these 3,000, 2,000 had reached the server before .* counted once above/,
    );
    expect(describeRepeats(1, 4)).toMatch(/^Of these 4, 1 had reached .* and is counted once/);
    expect(describeRepeats(0, 4)).toBeNull();
  });

  it('groups thousands', () => {
    expect(transactionCount(1)).toBe('1 transaction');
    expect(transactionCount(5_000)).toBe('5,000 transactions');
    expect(describeOutcomeSummary(buildSummary({ applied: 4_000, pending: 1_000 }))).toContain(
      '1,000 still being processed: the report shows their outcome shortly',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { OutcomeSummary } from '../../shared/api/offline.ts';
import { addSummaries, EMPTY_SUMMARY } from './summary.ts';

const batch = (applied: number, exception: number): OutcomeSummary => ({
  ...EMPTY_SUMMARY,
  total: applied + exception,
  applied,
  exception,
});

describe('addSummaries', () => {
  it('adds every outcome, field by field', () => {
    const a: OutcomeSummary = {
      total: 28,
      pending: 1,
      applied: 2,
      appliedWithWarning: 3,
      exception: 4,
      noted: 5,
      dismissed: 13,
    };
    expect(addSummaries(a, a)).toEqual({
      total: 56,
      pending: 2,
      applied: 4,
      appliedWithWarning: 6,
      exception: 8,
      noted: 10,
      dismissed: 26,
    });
  });

  it('starts from the empty summary, which changes nothing', () => {
    const sum = [batch(2, 1), batch(1, 0)].reduce(addSummaries, EMPTY_SUMMARY);
    expect(sum).toEqual({ ...EMPTY_SUMMARY, total: 4, applied: 3, exception: 1 });
    expect(addSummaries(EMPTY_SUMMARY, batch(1, 1))).toEqual(batch(1, 1));
  });
});

import { describe, expect, it } from 'vitest';
import type { OutcomeSummary } from '../api/offline.ts';
import { addSummaries, EMPTY_SUMMARY, summaryOfCounts, summaryOfStatus } from './outcomeSummary.ts';

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

describe('summaryOfCounts', () => {
  it('puts each stored status in its own field and counts every one in the total', () => {
    expect(
      summaryOfCounts([
        { status: 'applied', count: 3 },
        { status: 'applied_with_warning', count: 2 },
        { status: 'exception', count: 1 },
        { status: 'pending', count: 4 },
        { status: 'noted', count: 5 },
        { status: 'dismissed', count: 6 },
      ]),
    ).toEqual({
      total: 21,
      pending: 4,
      applied: 3,
      appliedWithWarning: 2,
      exception: 1,
      noted: 5,
      dismissed: 6,
    });
  });

  it('adds up a status that comes twice, and says nothing of no rows', () => {
    const twice = summaryOfCounts([
      { status: 'exception', count: 2 },
      { status: 'exception', count: 5 },
    ]);
    expect(twice).toEqual(summaryOfStatus('exception', 7));
    expect(summaryOfCounts([])).toEqual(EMPTY_SUMMARY);
  });
});

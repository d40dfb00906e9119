// Test data for outcome summaries: the counts a test names, zero for the rest, and their total.
import type { OutcomeSummary } from '../api/offline.ts';
import { EMPTY_SUMMARY } from './outcomeSummary.ts';

export function buildSummary(counts: Partial<Omit<OutcomeSummary, 'total'>>): OutcomeSummary {
  const { total: _unused, ...zeros } = EMPTY_SUMMARY;
  const all = { ...zeros, ...counts };
  return { total: Object.values(all).reduce((a, b) => a + b, 0), ...all };
}

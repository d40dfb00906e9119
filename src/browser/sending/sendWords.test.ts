import { describe, expect, it } from 'vitest';
import { SendFailure } from './sendFailure.ts';
import type { SendResult } from './sendOutbox.ts';
import { EMPTY_SUMMARY } from '../../shared/offline/outcomeSummary.ts';
import { describeDays, progressText, sendProblemText, unsentText } from './sendWords.ts';

const TZ = 'America/Chicago';
/** Noon in Chicago on that day of 2026. */
const noon = (month: number, day: number, year = 2026) => Date.UTC(year, month - 1, day, 18);

describe('describeDays', () => {
  it('names one day, a run of days, and a run across months', () => {
    expect(describeDays([noon(11, 27), noon(11, 27)], TZ)).toBe('Fri 27 Nov 2026');
    expect(describeDays([noon(11, 28), noon(11, 27)], TZ)).toBe(
      'Fri 27 Nov 2026 – Sat 28 Nov 2026',
    );
    expect(describeDays([noon(11, 30), noon(12, 1), noon(12, 2)], TZ)).toBe(
      'Mon 30 Nov 2026 – Wed 2 Dec 2026',
    );
  });

  it('keeps separate runs apart in the one date format', () => {
    expect(describeDays([noon(11, 25), noon(11, 27), noon(11, 28)], TZ)).toBe(
      'Wed 25 Nov 2026 and Fri 27 Nov 2026 – Sat 28 Nov 2026',
    );
    expect(describeDays([noon(11, 1), noon(11, 3), noon(11, 5)], TZ)).toBe(
      'Sun 1 Nov 2026, Tue 3 Nov 2026 and Thu 5 Nov 2026',
    );
    expect(describeDays([noon(12, 31, 2026), noon(1, 1, 2027)], TZ)).toBe(
      'Thu 31 Dec 2026 – Fri 1 Jan 2027',
    );
  });

  it('counts the day in the branch’s time zone, not UTC', () => {
    // 03:00 UTC on 28 Nov is still 27 Nov in Chicago.
    expect(describeDays([Date.UTC(2026, 10, 28, 3)], TZ)).toBe('Fri 27 Nov 2026');
  });
});

describe('sending words', () => {
  it('says how many and from when, and how far the sending has got', () => {
    expect(unsentText(6000, '27–28 Nov')).toBe(
      '6,000 offline transactions from 27–28 Nov have not been sent to the server',
    );
    expect(unsentText(1, '27 Nov')).toBe(
      '1 offline transaction from 27 Nov has not been sent to the server',
    );
    expect(progressText(2000, 6000)).toBe('Sending 2,000 of 6,000…');
  });

  it('says what was confirmed before a failure, and that the rest are kept', () => {
    const result: SendResult = {
      status: 'failed',
      total: 6000,
      sent: 2000,
      summary: EMPTY_SUMMARY,
      duplicates: 0,
      uploadIds: [1],
      sequenceRanges: [{ workstation: 'DESK-1', from: 1, to: 2000 }],
      failure: new SendFailure('UNREACHABLE', 'The Circa server could not be reached.'),
    };
    expect(sendProblemText(result)).toBe(
      '2,000 of 6,000 were sent and confirmed; the other 4,000 are kept in this browser. The Circa server could not be reached.',
    );
    expect(sendProblemText({ ...result, status: 'sent', failure: null })).toBeNull();
    expect(sendProblemText({ ...result, status: 'busy', failure: null })).toMatch(
      /Another Circa tab/,
    );
  });
});

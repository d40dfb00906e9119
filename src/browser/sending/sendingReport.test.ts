import { describe, expect, it } from 'vitest';
import { sendingReportHref } from './sendingReport.ts';
import { withSequences } from './sendOutbox.ts';

describe('the report of one sending', () => {
  it('names the workstation, its sequence numbers and the uploads the sending made', () => {
    const ranges = withSequences(
      withSequences(
        [],
        [3, 4].map((sequence) => ({ workstation: 'DESK-1', sequence })),
      ),
      [5, 6].map((sequence) => ({ workstation: 'DESK-1', sequence })),
    );
    expect(sendingReportHref({ sequenceRanges: ranges, uploadIds: [8, 9] })).toBe(
      '/offline-report?workstation=DESK-1&from=3&to=6&sent-in=8%2C9',
    );
  });

  it('falls back to the list of uploads when nothing, or several workstations, were sent', () => {
    expect(sendingReportHref({ sequenceRanges: [], uploadIds: [] })).toBe('/offline-uploads');
    const two = withSequences(
      [],
      [
        { workstation: 'DESK-1', sequence: 1 },
        { workstation: 'DESK-2', sequence: 1 },
      ],
    );
    expect(sendingReportHref({ sequenceRanges: two, uploadIds: [1] })).toBe('/offline-uploads');
  });
});

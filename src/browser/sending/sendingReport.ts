// Where "View report" leads after a sending: the report of exactly the transactions it carried,
// by workstation and sequence numbers, so those an earlier upload stored first (its answer was
// lost) are there too, marked with the upload that stored them.
import type { SendResult } from './sendOutbox.ts';

/** Query parameters of the staff app's report of one sending. */
export const SENDING_REPORT_PARAMS = {
  fromSequence: 'from',
  toSequence: 'to',
  /** The uploads the sending made; rows from any other upload were stored before. */
  sentIn: 'sent-in',
} as const;

export function sendingReportHref(
  result: Pick<SendResult, 'sequenceRanges' | 'uploadIds'>,
): string {
  const [range] = result.sequenceRanges;
  // One desk sends its own workstation's transactions; anything else is a list of uploads.
  if (result.sequenceRanges.length !== 1 || range === undefined) return '/offline-uploads';
  const query = new URLSearchParams({
    workstation: range.workstation,
    [SENDING_REPORT_PARAMS.fromSequence]: String(range.from),
    [SENDING_REPORT_PARAMS.toSequence]: String(range.to),
    [SENDING_REPORT_PARAMS.sentIn]: result.uploadIds.join(','),
  });
  return `/offline-report?${query}`;
}

// What a workstation's sequence numbers say is missing: the gaps among the numbers received, and
// the tail from the highest received to the highest the workstation's offline client reported
// recording (numbers recorded there that never arrived: still in its outbox, or lost to a wipe).
import {
  MAX_LISTED_GAPS,
  type ReceivedSequences,
  type SequenceRun,
} from '../offline/clientState.ts';

export interface MissingSequencesProps {
  /** Distinct sequence numbers received. */
  received: number;
  /** The highest received; 0 when none. */
  highestReceived: number;
  /** The highest any report from the workstation gave; 0 when it never reported. */
  highestReported: number;
  /** Runs missing below highestReceived, lowest first (findSequenceGaps finds them). */
  gaps: readonly SequenceRun[];
}

/**
 * Everything missing from 1 to max(highestReceived, highestReported), as runs cut to
 * MAX_LISTED_GAPS; missingCount counts every missing number even when the list is cut short.
 */
export function missingSequences(props: MissingSequencesProps): ReceivedSequences {
  const { received, highestReceived, highestReported } = props;
  // highestReceived itself was received, so the tail never joins the last gap.
  const runs =
    highestReported > highestReceived
      ? [...props.gaps, { from: highestReceived + 1, to: highestReported }]
      : [...props.gaps];
  const tail = Math.max(0, highestReported - highestReceived);
  return {
    received,
    highestReceived,
    highestReported,
    missing: runs.slice(0, MAX_LISTED_GAPS),
    // Every number up to the highest received is either received or in a gap.
    missingCount: highestReceived - received + tail,
  };
}

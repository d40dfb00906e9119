// Processing rules for offline transactions: order, outcome, gap detection. See issue 4 and
// docs/offline-file-format.md ("Processing").
export * from './outcome.ts';
export { decideOutcome, type ClaimRules } from './decide.ts';
export { correctedTime, compareForProcessing, compareCodePoints } from './order.ts';
export { findSequenceGaps, describeSequenceGap, type SequenceGap } from './gaps.ts';
export {
  decideRegistration,
  isLikelyDuplicate,
  normalizedName,
  waitForRegistration,
} from './decideRegistration.ts';
export { withLentAnyway } from './lentAnyway.ts';

// What becomes of a hold that had caught a copy an offline desk then lent: the borrower's own hold
// is fulfilled by the loan; anyone else's goes back to waiting with its place in the queue. No hold
// is ever cancelled or dropped by offline processing (Koha's bug 30114 cancelled them).

/** A hold in transit or on the shelf for a copy that is now on loan. */
export interface TrappedHoldOfLentCopy {
  holdId: number;
  patronId: number;
  trappedItemId: number;
}

export interface OpenLoanOfCopy {
  loanId: number;
  itemId: number;
  patronId: number;
}

export type HoldSettlement =
  { holdId: number; becomes: 'fulfilled'; loanId: number } | { holdId: number; becomes: 'waiting' };

/** One settlement for every trapped hold, in the order given. */
export function settleTrappedHolds(
  traps: readonly TrappedHoldOfLentCopy[],
  openLoans: readonly OpenLoanOfCopy[],
): HoldSettlement[] {
  const loanByItem = new Map(openLoans.map((loan) => [loan.itemId, loan]));
  return traps.map((trap) => {
    const loan = loanByItem.get(trap.trappedItemId);
    return loan?.patronId === trap.patronId
      ? { holdId: trap.holdId, becomes: 'fulfilled', loanId: loan.loanId }
      : { holdId: trap.holdId, becomes: 'waiting' };
  });
}

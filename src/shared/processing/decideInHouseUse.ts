// The rule of an in-house use counted at an offline desk: the count is added to the item's.
import type { OfflineInHouseUse } from '../offline/transaction.ts';
import { FIX_OR_DISMISS } from './decisionWords.ts';
import type { Decision, ProcessingState } from './outcome.ts';

export function decideInHouseUse(t: OfflineInHouseUse, { item }: ProcessingState): Decision {
  if (item === null) {
    return {
      outcome: 'exception',
      codes: ['UNKNOWN_ITEM'],
      effects: [],
      message: `In-house use not counted: item barcode ${t.itemBarcode} is not known. ${FIX_OR_DISMISS}`,
    };
  }
  const uses = t.count === 1 ? '1 in-house use' : `${t.count} in-house uses`;
  return {
    outcome: 'applied',
    codes: [],
    effects: [{ kind: 'addInHouseUses', itemId: item.id, count: t.count }],
    message: `${uses} of item ${t.itemBarcode} counted.`,
  };
}

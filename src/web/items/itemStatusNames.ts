// An item's status in the words the desk uses.
import type { ItemStatus } from '../../shared/api/circulation.ts';

export const ITEM_STATUS_NAMES: Record<ItemStatus, string> = {
  available: 'Available',
  on_loan: 'On loan',
  lost: 'Lost',
  missing: 'Missing',
  damaged: 'Damaged',
  withdrawn: 'Withdrawn',
  in_transit: 'In transit',
  on_hold_shelf: 'On the hold shelf',
};

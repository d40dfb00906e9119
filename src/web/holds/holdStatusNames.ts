// A hold's status in the words the desk uses.
import type { HoldStatus } from '../../shared/api/holds.ts';

export const HOLD_STATUS_NAMES: Record<HoldStatus, string> = {
  waiting: 'Waiting',
  in_transit: 'In transit',
  on_shelf: 'On the hold shelf',
  fulfilled: 'Collected',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

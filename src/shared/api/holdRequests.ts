// What staff send to place a hold and look after it, and what the patron's holds and a title's page
// answer. Apart from holds.ts because these use circulation.ts, which itself imports holds.ts.
import { z } from 'zod';
import { CalendarDateSchema } from '../calendar/calendarDates.ts';
import { BarcodeInput, Item } from './circulation.ts';
import { Hold, TitleSummary } from './holds.ts';

const BranchCode = z
  .string()
  .trim()
  .min(1, 'Choose a pickup branch.')
  .max(32, 'A branch code has at most 32 characters.');

/**
 * Exactly one of titleId (any copy of the title will do) and itemBarcode (only this copy). The
 * pickup branch defaults to the workstation's.
 */
export const PlaceHoldRequest = z
  .object({
    patronBarcode: BarcodeInput,
    titleId: z.number().int().positive().optional(),
    itemBarcode: BarcodeInput.optional(),
    pickupBranchCode: BranchCode.optional(),
  })
  .refine((body) => (body.titleId === undefined) !== (body.itemBarcode === undefined), {
    message: 'Give either titleId (any copy) or itemBarcode (this copy), not both or neither.',
  });
export type PlaceHoldRequest = z.infer<typeof PlaceHoldRequest>;

export const HoldParams = z.object({ id: z.coerce.number().int().positive() });
export type HoldParams = z.infer<typeof HoldParams>;

export const TitleParams = z.object({ id: z.coerce.number().int().positive() });
export type TitleParams = z.infer<typeof TitleParams>;

/** The first day the hold may be filled again, 'YYYY-MM-DD', after today and within a year. */
export const SuspendHoldRequest = z.object({ until: CalendarDateSchema });
export type SuspendHoldRequest = z.infer<typeof SuspendHoldRequest>;

export const ChangePickupRequest = z.object({ branchCode: BranchCode });
export type ChangePickupRequest = z.infer<typeof ChangePickupRequest>;

/** How many ended holds (fulfilled, cancelled, expired) a patron's holds list shows. */
export const ENDED_HOLDS_SHOWN = 20;

export const PatronHolds = z.object({
  /** The active holds (waiting, in transit, on the shelf), then the last ENDED_HOLDS_SHOWN ended. */
  holds: z.array(Hold),
});
export type PatronHolds = z.infer<typeof PatronHolds>;

export const CancelHoldResult = z.object({
  hold: Hold,
  /**
   * The copy that was in transit or on the hold shelf for this hold, now wanted by nobody for it:
   * take it off the shelf (or receive it) and check it in, so it goes to the next hold or home.
   */
  releasedItem: z
    .object({ id: z.number().int(), barcode: z.string(), title: z.string() })
    .nullable(),
});
export type CancelHoldResult = z.infer<typeof CancelHoldResult>;

/** A copy of the title as its page lists it: the item, and when it is due back if on loan. */
export const TitleCopy = Item.extend({
  /** Epoch ms; null unless the copy is on loan. */
  dueAt: z.number().int().nullable(),
});
export type TitleCopy = z.infer<typeof TitleCopy>;

export const TitleDetail = z.object({
  title: TitleSummary,
  copies: z.array(TitleCopy),
  /** The active holds in queue order: waiting ones carry their position. */
  queue: z.array(Hold),
});
export type TitleDetail = z.infer<typeof TitleDetail>;

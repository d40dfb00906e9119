// Holds, the hold shelf, items in transit and what a check-in does with the item, as the API shows
// them (issue 12). The routes that serve these shapes live in src/server/routes/holds, holdShelf
// and transits; the check-in answer (circulation.ts) carries a CheckInRouting.
import { z } from 'zod';
import { BarcodeInput } from './barcodeInput.ts';
import { BranchSummary } from './session.ts';

/**
 * waiting: in the title's queue. in_transit: a copy is on its way to the pickup branch for it.
 * on_shelf: a copy waits on the pickup branch's hold shelf. fulfilled: lent to the patron.
 * cancelled: by staff (or the patron through staff). expired: not collected in time.
 */
export const HoldStatus = z.enum([
  'waiting',
  'in_transit',
  'on_shelf',
  'fulfilled',
  'cancelled',
  'expired',
]);
export type HoldStatus = z.infer<typeof HoldStatus>;

/** Statuses of a hold that is still wanted: it counts in the queue or holds a copy. */
export const ACTIVE_HOLD_STATUSES = ['waiting', 'in_transit', 'on_shelf'] as const;

/** Why an item travels: to the pickup branch of a hold, or back to the branch that owns it. */
export const TransitReason = z.enum(['hold', 'home']);
export type TransitReason = z.infer<typeof TransitReason>;

export const TitleSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  author: z.string(),
});
export type TitleSummary = z.infer<typeof TitleSummary>;

const ItemRef = z.object({ id: z.number().int(), barcode: z.string() });
const PatronRef = z.object({ id: z.number().int(), barcode: z.string(), name: z.string() });

export const Hold = z.object({
  id: z.number().int(),
  status: HoldStatus,
  patron: PatronRef,
  title: TitleSummary,
  /** Set for a hold on one copy; null when any copy of the title will do. */
  item: ItemRef.nullable(),
  pickupBranch: BranchSummary,
  /** Epoch ms. */
  placedAt: z.number().int(),
  /** 1 for the next hold the title fills; null once the hold has a copy or has ended. */
  queuePosition: z.number().int().min(1).nullable(),
  /** 'YYYY-MM-DD': not filled before this day; null when not suspended. */
  suspendedUntil: z.string().nullable(),
  /** The copy caught for this hold, in transit or on the shelf. */
  trappedItem: ItemRef.nullable(),
  /** 'YYYY-MM-DD' at the pickup branch: the last day the copy waits on the shelf. */
  shelfExpiresOn: z.string().nullable(),
  /** Epoch ms it was fulfilled, cancelled or expired. */
  endedAt: z.number().int().nullable(),
});
export type Hold = z.infer<typeof Hold>;

/** What a hold slip prints: enough to shelve the item for the patron, not enough to identify them. */
export const HoldSlip = z.object({
  holdId: z.number().int(),
  /** As libraries shorten it on the shelf, e.g. "REA, A." for "Ada Reader". */
  patronShortName: z.string(),
  /** The full barcode: the slip masks all but its last characters when printed. */
  patronBarcode: z.string(),
  itemBarcode: z.string(),
  title: z.string(),
  callNumber: z.string(),
  pickupBranch: BranchSummary,
  /** 'YYYY-MM-DD' at the pickup branch. */
  shelfExpiresOn: z.string(),
  /** Epoch ms. */
  trappedAt: z.number().int(),
});
export type HoldSlip = z.infer<typeof HoldSlip>;

export const TransitSlip = z.object({
  transitId: z.number().int(),
  reason: TransitReason,
  itemBarcode: z.string(),
  title: z.string(),
  callNumber: z.string(),
  fromBranch: BranchSummary,
  toBranch: BranchSummary,
  /** Epoch ms. */
  sentAt: z.number().int(),
  /** For a hold: who it is for, shortened as on a hold slip. */
  hold: z
    .object({ holdId: z.number().int(), patronShortName: z.string(), patronBarcode: z.string() })
    .nullable(),
});
export type TransitSlip = z.infer<typeof TransitSlip>;

/**
 * Where a checked-in item goes next. shelve: back on this branch's shelves. holdShelf: on this
 * branch's hold shelf for a patron (print the hold slip). transit: to another branch (print the
 * transit slip), for a hold there or to go home.
 */
export const CheckInRouting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shelve') }),
  z.object({ kind: z.literal('holdShelf'), slip: HoldSlip }),
  z.object({ kind: z.literal('transit'), slip: TransitSlip }),
]);
export type CheckInRouting = z.infer<typeof CheckInRouting>;

/** An item on a branch's hold shelf, as the hold shelf list shows it. */
export const HoldShelfEntry = z.object({
  hold: Hold,
  item: z.object({
    id: z.number().int(),
    barcode: z.string(),
    title: z.string(),
    callNumber: z.string(),
  }),
  /** Epoch ms the item was put on the shelf. */
  since: z.number().int(),
  /** 'YYYY-MM-DD': the last day it waits. */
  expiresOn: z.string(),
  /** True once that day has passed at the branch: clear it from the shelf. */
  expired: z.boolean(),
});
export type HoldShelfEntry = z.infer<typeof HoldShelfEntry>;

export const HoldShelfList = z.object({
  branch: BranchSummary,
  entries: z.array(HoldShelfEntry),
});
export type HoldShelfList = z.infer<typeof HoldShelfList>;

/** An item travelling between branches, as the In transit list shows it. */
export const TransitView = z.object({
  id: z.number().int(),
  reason: TransitReason,
  item: z.object({ id: z.number().int(), barcode: z.string(), title: z.string() }),
  fromBranch: BranchSummary,
  toBranch: BranchSummary,
  /** Epoch ms. */
  sentAt: z.number().int(),
  receivedAt: z.number().int().nullable(),
  /** The hold it travels for, if any. */
  holdId: z.number().int().nullable(),
});
export type TransitView = z.infer<typeof TransitView>;

/** Scanning an item off the hold shelf whose hold expired: it fills the next hold or goes home. */
export const ClearFromShelfRequest = z.object({ itemBarcode: BarcodeInput });
export type ClearFromShelfRequest = z.infer<typeof ClearFromShelfRequest>;

export const ClearFromShelfResult = z.object({
  /** The hold that expired (status expired). */
  expiredHold: Hold,
  /** Where the item goes now, with the slip to print. */
  routing: CheckInRouting,
});
export type ClearFromShelfResult = z.infer<typeof ClearFromShelfResult>;

export const TransitList = z.object({
  branch: BranchSummary,
  /** Items on their way to this branch (incoming) or sent from it (outgoing), not yet received. */
  incoming: z.array(TransitView),
  outgoing: z.array(TransitView),
});
export type TransitList = z.infer<typeof TransitList>;

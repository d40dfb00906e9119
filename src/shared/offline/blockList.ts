// The block list an offline client may carry (library setting, off by default): the card numbers
// of patrons who may not borrow, each with a reason code and nothing else — never a name, an
// address or the block's free-text reason — and when the list was made, so a stale list shows.
import { z } from 'zod';
import { BarcodeText } from '../barcodes/hiddenCharacters.ts';
import { CalendarDateSchema } from '../calendar/dueDates.ts';

const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/** Why a card is listed. Circa bars a patron by blocking the card, so a bar is a block. */
export const BlockListReason = z.enum(['blocked', 'expired']);
export type BlockListReason = z.infer<typeof BlockListReason>;

export const BlockListEntry = z.discriminatedUnion('reason', [
  z.object({ barcode: BarcodeText, reason: z.literal('blocked') }),
  /**
   * A card that has expired, or will during the snapshot's horizon: the client warns only from the
   * day after `expiresOn`.
   */
  z.object({ barcode: BarcodeText, reason: z.literal('expired'), expiresOn: CalendarDateSchema }),
]);
export type BlockListEntry = z.infer<typeof BlockListEntry>;

export const BlockList = z.object({
  /** When the server made the list (its clock, epoch ms): the client shows how old it is. */
  madeAt: EpochMs,
  /** Past this age the client warns plainly that the list is out of date (library setting). */
  maxAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 366),
  entries: z.array(BlockListEntry),
});
export type BlockList = z.infer<typeof BlockList>;

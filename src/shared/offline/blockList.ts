// The block list an offline client may carry (library setting, off by default): the card numbers
// of patrons who may not borrow, each with a reason code and nothing else — never a name, an
// address or the block's free-text reason — and when the list was made, so a stale list shows.
import { z } from 'zod';
import { BarcodeText } from '../barcodes/hiddenCharacters.ts';
import { CalendarDateSchema } from '../calendar/dueDates.ts';
import { formatDay } from '../calendar/formatDates.ts';

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

/** What Check Out says about a listed card, and what a loan lent anyway records. */
export interface BlockListHit {
  reason: BlockListReason;
  /** The warning in plain words, e.g. "Card expired on Mon 30 Nov 2026". */
  message: string;
  /** When the list that named the card was made (server clock, epoch ms). */
  listMadeAt: number;
}

/**
 * Whether the list names this card today ('YYYY-MM-DD' at the branch). An 'expired' entry counts
 * from the day after `expiresOn`: the card is good through its last day, as online.
 */
export function findListedCard(
  list: BlockList,
  barcode: string,
  today: string,
): BlockListHit | null {
  for (const entry of list.entries) {
    if (entry.barcode !== barcode) continue;
    if (entry.reason === 'blocked') {
      return {
        reason: 'blocked',
        message: 'Blocked: the library has blocked this card from borrowing.',
        listMadeAt: list.madeAt,
      };
    }
    if (today > entry.expiresOn) {
      return {
        reason: 'expired',
        message: `Card expired on ${formatDay(entry.expiresOn)}`,
        listMadeAt: list.madeAt,
      };
    }
  }
  return null;
}

const HOUR_MS = 3_600_000;
/** Below this many hours an age reads in hours ("30 hours"), from it in days ("3 days"). */
const AGE_IN_DAYS_FROM_HOURS = 48;

/** An age as a librarian says it: "less than an hour", "1 hour", "30 hours", "3 days". */
export function describeAge(ageMs: number): string {
  const hours = Math.floor(Math.max(0, ageMs) / HOUR_MS);
  if (hours < 1) return 'less than an hour';
  if (hours < AGE_IN_DAYS_FROM_HOURS) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

export interface BlockListAge {
  /** e.g. "Block list made 3 hours ago". */
  text: string;
  /** Older than the library's maxAgeHours. */
  stale: boolean;
  /** The plain warning shown when stale; null otherwise. */
  warning: string | null;
}

/** How old the list is at `now` (server clock, epoch ms), and whether the library calls it stale. */
export function blockListAge(
  list: Pick<BlockList, 'madeAt' | 'maxAgeHours'>,
  now: number,
): BlockListAge {
  const ageMs = now - list.madeAt;
  const age = describeAge(ageMs);
  const stale = ageMs > list.maxAgeHours * HOUR_MS;
  return {
    text: ageMs < HOUR_MS ? 'Block list made less than an hour ago' : `Block list made ${age} ago`,
    stale,
    warning: stale ? `The block list is ${age} old: a card blocked since may not be listed.` : null,
  };
}

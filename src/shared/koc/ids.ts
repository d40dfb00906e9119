// Transaction ids for .koc lines. A .koc file has no ids, so each one is derived from the line
// itself: uploading the same file again (or a longer copy of it, as Koha's offline tools keep
// appending to one file) gives the same ids, and the server stores each transaction only once.
import { stringify, v5 } from 'uuid';

/**
 * The name-based UUID namespace of .koc lines. NEVER change it: every id already stored would stop
 * matching, and re-importing an old .koc file would duplicate its loans.
 */
export const KOC_ID_NAMESPACE = '5d0f6a1e-8c4b-4f2e-9a57-3c1e0b9d7a42';

const MAX_48_BITS = 2 ** 48 - 1;

/**
 * A UUIDv7-shaped id: the first 48 bits hold `wallClockMs` (so ids sort roughly by time, like the
 * offline client's), the rest come from a SHA-1 of the canonical line and how many identical lines
 * came before it in the file (a double scan is two transactions, both kept).
 */
export function kocTransactionId(props: {
  /** The line in canonical form (see readKocFile): the same for CRLF, spaces or time separators. */
  canonicalLine: string;
  /** 0 for the first line with this content, 1 for the next identical one, … */
  occurrence: number;
  /** The line's local time read as UTC: the same whatever time zone the file is read in. */
  wallClockMs: number;
}): string {
  const bytes = v5(
    `${props.occurrence}\n${props.canonicalLine}`,
    KOC_ID_NAMESPACE,
    new Uint8Array(16),
  );
  let ms = Math.min(Math.max(0, Math.floor(props.wallClockMs)), MAX_48_BITS);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // RFC 9562 variant
  return stringify(bytes);
}

// The slip for where a checked-in (or cleared) item goes: a hold slip for the hold shelf, a transit
// slip for another branch, on the receipt's paper, unless this workstation's Print Options say no.
import { printSlip } from '../../browser/slips/printSlip.ts';
import { buildHoldSlip, buildTransitSlip } from '../../browser/slips/slips.ts';
import { DEFAULT_PRINT_OPTIONS } from '../../browser/storage/localState.ts';
import { loadPrintOptions } from '../../browser/storage/printOptionsStore.ts';
import type { CheckInRouting } from '../../shared/api/holds.ts';

/**
 * Prints the routing's slip. Options this browser cannot read (storage switched off) fall back to
 * the defaults: a slip is how the item finds its shelf or its van, so it prints.
 */
export async function printRoutingSlip(libraryName: string, routing: CheckInRouting) {
  if (routing.kind === 'shelve') return;
  const options = await loadPrintOptions().catch(() => DEFAULT_PRINT_OPTIONS);
  if (!options.printSlips) return;
  const slip =
    routing.kind === 'holdShelf'
      ? buildHoldSlip(libraryName, routing.slip)
      : buildTransitSlip(libraryName, routing.slip);
  printSlip(slip, options.paper);
}

// What Check In and the Hold shelf say about where an item goes next: the banner in the alert
// region (with its tone, so the hold shelf gets its own colour and chime) and the short mark on
// the item's row. Pure, so the wording is tested without a browser.
import type { ScanTone } from '../../browser/desk/scanMessages.ts';
import type { CheckInRouting } from '../../shared/api/holds.ts';
import type { BranchSummary } from '../../shared/api/session.ts';

export interface RoutingBanner {
  tone: ScanTone;
  text: string;
}

/** The banner for a routing, or null when the item simply goes back on the shelves. */
export function routingBanner(routing: CheckInRouting, itemTitle: string): RoutingBanner | null {
  switch (routing.kind) {
    case 'shelve':
      return null;
    case 'holdShelf':
      return {
        tone: 'hold',
        text:
          `Hold for ${routing.slip.patronShortName} — put on the hold shelf: ` +
          `${itemTitle} (${routing.slip.itemBarcode}).`,
      };
    case 'transit':
      return {
        tone: 'warning',
        text:
          `Send to ${routing.slip.toBranch.name} — ${transitReason(routing)}: ` +
          `${itemTitle} (${routing.slip.itemBarcode}).`,
      };
  }
}

/** The row's mark: where the item goes, shorter than the banner. */
export function routingMark(routing: CheckInRouting): string | null {
  switch (routing.kind) {
    case 'shelve':
      return null;
    case 'holdShelf':
      return `Hold shelf: ${routing.slip.patronShortName}`;
    case 'transit':
      return `Send to ${routing.slip.toBranch.name}`;
  }
}

/** "Received from Hillside Branch"; the branch is unknown only to an older server. */
export function receivedText(from: BranchSummary | null | undefined): string {
  return from ? `Received from ${from.name}` : 'Received from transit';
}

function transitReason(routing: Extract<CheckInRouting, { kind: 'transit' }>): string {
  const hold = routing.slip.hold;
  if (routing.slip.reason === 'home') return 'going home';
  return hold === null ? 'a hold waits there' : `a hold waits there for ${hold.patronShortName}`;
}

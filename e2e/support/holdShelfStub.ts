// A stand-in for the hold shelf and transit endpoints (GET /api/hold-shelf, POST
// /api/hold-shelf/clear, GET /api/transits), served through Playwright's network routing like
// circulationStub.ts, for the desk screens' own behaviour. Answers are typed with the contract and
// checked by the app's Zod schemas, so a stub that drifts from the contract fails the test.
import type { Page } from 'playwright-core';
import type {
  CheckInRouting,
  ClearFromShelfResult,
  Hold,
  HoldShelfEntry,
  HoldShelfList,
  HoldSlip,
  TransitList,
  TransitSlip,
  TransitView,
} from '../../src/shared/api/holds.ts';
import type { BranchSummary } from '../../src/shared/api/session.ts';
import type { StubAnswer } from './circulationStub.ts';

export interface HoldShelfStub {
  readonly requests: Array<{ method: string; path: string; body: unknown }>;
  holdShelf: () => StubAnswer<HoldShelfList>;
  clear: (itemBarcode: string) => StubAnswer<ClearFromShelfResult>;
  transits: () => StubAnswer<TransitList>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The stubs' "now": fixed, so the guide's screenshots of slips and lists are the same each run. */
const STUB_NOW = Date.UTC(2026, 11, 6, 16, 5);
let nextId = 5000;

export interface StubPatron {
  barcode: string;
  name: string;
  shortName: string;
}

export interface StubItem {
  barcode: string;
  title: string;
  callNumber: string;
}

export function buildHold(
  pickupBranch: BranchSummary,
  patron: StubPatron,
  item: StubItem,
  changes: Partial<Hold> = {},
): Hold {
  const id = (nextId += 1);
  return {
    id,
    status: 'on_shelf',
    patron: { id: (nextId += 1), barcode: patron.barcode, name: patron.name },
    title: { id: (nextId += 1), title: item.title, author: 'A. Author' },
    item: null,
    pickupBranch,
    placedAt: STUB_NOW - 10 * DAY_MS,
    queuePosition: null,
    suspendedUntil: null,
    trappedItem: { id: (nextId += 1), barcode: item.barcode },
    shelfExpiresOn: '2026-12-15',
    endedAt: null,
    ...changes,
  };
}

export function buildShelfEntry(
  pickupBranch: BranchSummary,
  patron: StubPatron,
  item: StubItem,
  { expired = false, since = STUB_NOW - 2 * DAY_MS, expiresOn = '2026-12-15' } = {},
): HoldShelfEntry {
  const hold = buildHold(pickupBranch, patron, item, { shelfExpiresOn: expiresOn });
  return {
    hold,
    item: { id: hold.trappedItem!.id, ...item },
    since,
    expiresOn,
    expired,
  };
}

export function holdSlip(
  pickupBranch: BranchSummary,
  patron: StubPatron,
  item: StubItem,
): HoldSlip {
  return {
    holdId: (nextId += 1),
    patronShortName: patron.shortName,
    patronBarcode: patron.barcode,
    itemBarcode: item.barcode,
    title: item.title,
    callNumber: item.callNumber,
    pickupBranch,
    shelfExpiresOn: '2026-12-15',
    trappedAt: STUB_NOW,
  };
}

export function transitSlip(
  from: BranchSummary,
  to: BranchSummary,
  item: StubItem,
  forPatron: StubPatron | null,
): TransitSlip {
  return {
    transitId: (nextId += 1),
    reason: forPatron === null ? 'home' : 'hold',
    itemBarcode: item.barcode,
    title: item.title,
    callNumber: item.callNumber,
    fromBranch: from,
    toBranch: to,
    sentAt: STUB_NOW,
    hold:
      forPatron === null
        ? null
        : {
            holdId: (nextId += 1),
            patronShortName: forPatron.shortName,
            patronBarcode: forPatron.barcode,
          },
  };
}

export function buildTransit(
  from: BranchSummary,
  to: BranchSummary,
  item: StubItem,
  reason: TransitView['reason'],
  sentAt = STUB_NOW - DAY_MS,
): TransitView {
  return {
    id: (nextId += 1),
    reason,
    item: { id: (nextId += 1), barcode: item.barcode, title: item.title },
    fromBranch: from,
    toBranch: to,
    sentAt,
    receivedAt: null,
    holdId: reason === 'hold' ? (nextId += 1) : null,
  };
}

export const holdShelfRouting = (slip: HoldSlip): CheckInRouting => ({ kind: 'holdShelf', slip });
export const transitRouting = (slip: TransitSlip): CheckInRouting => ({ kind: 'transit', slip });

export async function stubHoldShelf(page: Page, branch: BranchSummary): Promise<HoldShelfStub> {
  const notStubbed = {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'Not stubbed in this test.' } },
  } as const;
  const stub: HoldShelfStub = {
    requests: [],
    holdShelf: () => ({ status: 200, body: { branch, entries: [] } }),
    clear: () => notStubbed,
    transits: () => ({ status: 200, body: { branch, incoming: [], outgoing: [] } }),
  };
  await page.route(/\/api\/(hold-shelf|transits)(\/|$|\?)/, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const body = request.postData() ? (JSON.parse(request.postData()!) as unknown) : undefined;
    stub.requests.push({ method: request.method(), path, body });
    const reply =
      path === '/api/hold-shelf/clear'
        ? stub.clear((body as { itemBarcode: string }).itemBarcode)
        : path === '/api/transits'
          ? stub.transits()
          : stub.holdShelf();
    if (reply === 'unreachable') return route.abort('connectionrefused');
    await route.fulfill({
      status: reply.status,
      contentType: 'application/json',
      body: JSON.stringify(reply.body),
    });
  });
  return stub;
}

// A stand-in for the circulation endpoints, served through Playwright's network routing, for tests
// of the desk screens' own behaviour: scan order under slow answers, refusals, overrides, a server
// that cannot be reached. Sign-in and sessions stay real. Answers are typed with the API contract
// and checked by the app's Zod schemas, so a stub that drifts from the contract fails the test.
import type { Page, Route } from 'playwright-core';
import type {
  CheckInResult,
  CheckOutRequest,
  CheckOutResult,
  Item,
  Loan,
  PatronDetail,
  PatronLoans,
} from '../../src/shared/api/circulation.ts';
import type { ApiError } from '../../src/shared/api/errors.ts';
import type { BranchSummary } from '../../src/shared/api/session.ts';

export type StubAnswer<T> =
  | { status: number; body: T | ApiError; delayMs?: number }
  /** The connection fails, as when the server is down. */
  | 'unreachable';

export interface CirculationStub {
  /** Every circulation request the app made, in the order it made them. */
  readonly requests: Array<{ method: string; path: string; body: unknown }>;
  /** The most requests that were waiting for an answer at the same moment. */
  maxInFlight: number;
  patrons: Map<string, StubAnswer<PatronDetail>>;
  /** Every current loan of a patron, soonest due first: pages of GET /api/patrons/:barcode/loans. */
  patronLoans: Map<string, Loan[]>;
  /** Decides each check-out; by default lends the item for 14 days. */
  checkOut: (request: CheckOutRequest) => StubAnswer<CheckOutResult>;
  checkIn: (itemBarcode: string) => StubAnswer<CheckInResult>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
let nextId = 1000;

export function buildLoan(
  branch: BranchSummary,
  itemBarcode: string,
  patron: { barcode: string; name: string },
  overrides: Partial<Loan> = {},
): Loan {
  const checkedOutAt = Date.now();
  return {
    id: (nextId += 1),
    item: { id: (nextId += 1), barcode: itemBarcode, title: `Title of ${itemBarcode}` },
    patron: { id: 1, ...patron },
    checkedOutAt,
    dueAt: checkedOutAt + 14 * DAY_MS,
    returnedAt: null,
    branchCode: branch.code,
    source: 'online',
    renewalCount: 0,
    ...overrides,
  };
}

export function buildItem(branch: BranchSummary, barcode: string, title: string): Item {
  return {
    id: (nextId += 1),
    barcode,
    title,
    author: 'A. Author',
    callNumber: '823 AUT',
    materialType: { code: 'BOOK', name: 'Book' },
    branch,
    status: 'available',
    titleId: nextId,
  };
}

export function buildPatronDetail(
  branch: BranchSummary,
  patron: { barcode: string; name: string },
  changes: Partial<PatronDetail['patron']> = {},
): PatronDetail {
  return {
    patron: {
      id: 1,
      barcode: patron.barcode,
      name: patron.name,
      patronType: { code: 'ADULT', name: 'Adult' },
      homeBranch: branch,
      expiresOn: '2030-01-31',
      blockReason: null,
      status: 'good',
      ...changes,
    },
    loanCount: 0,
    loans: [],
  };
}

export async function stubCirculation(page: Page, branch: BranchSummary): Promise<CirculationStub> {
  const stub: CirculationStub = {
    requests: [],
    maxInFlight: 0,
    patrons: new Map(),
    patronLoans: new Map(),
    checkOut: (request) => ({
      status: 201,
      body: {
        loan: buildLoan(branch, request.itemBarcode, lookupPatron(request)),
        replacedLoan: null,
      },
    }),
    checkIn: () => ({
      status: 404,
      body: { error: { code: 'ITEM_NOT_FOUND', message: 'No item has this barcode.' } },
    }),
  };
  function lookupPatron(request: CheckOutRequest) {
    const known = stub.patrons.get(request.patronBarcode);
    const name =
      known && known !== 'unreachable' && 'patron' in known.body ? known.body.patron.name : '?';
    return { barcode: request.patronBarcode, name };
  }

  let inFlight = 0;
  async function answer<T>(route: Route, reply: StubAnswer<T>) {
    if (reply === 'unreachable') return route.abort('connectionrefused');
    inFlight += 1;
    stub.maxInFlight = Math.max(stub.maxInFlight, inFlight);
    try {
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      await route.fulfill({
        status: reply.status,
        contentType: 'application/json',
        body: JSON.stringify(reply.body),
      });
    } finally {
      inFlight -= 1;
    }
  }

  await page.route(/\/api\/(patrons|checkouts|checkins)(\/|$)/, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const body = request.postData() ? (JSON.parse(request.postData()!) as unknown) : undefined;
    stub.requests.push({ method: request.method(), path, body });
    const loansPage = /^\/api\/patrons\/([^/]+)\/loans$/.exec(path);
    if (loansPage) {
      const loans = stub.patronLoans.get(decodeURIComponent(loansPage[1]!));
      const query = new URL(request.url()).searchParams;
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return answer<PatronLoans>(
        route,
        loans
          ? {
              status: 200,
              body: { loanCount: loans.length, loans: loans.slice(offset, offset + limit) },
            }
          : {
              status: 404,
              body: { error: { code: 'PATRON_NOT_FOUND', message: 'No patron has this barcode.' } },
            },
      );
    }
    if (path.startsWith('/api/patrons/')) {
      const barcode = decodeURIComponent(path.slice('/api/patrons/'.length));
      return answer(
        route,
        stub.patrons.get(barcode) ?? {
          status: 404,
          body: { error: { code: 'PATRON_NOT_FOUND', message: 'No patron has this barcode.' } },
        },
      );
    }
    if (path === '/api/checkouts') return answer(route, stub.checkOut(body as CheckOutRequest));
    return answer(route, stub.checkIn((body as { itemBarcode: string }).itemBarcode));
  });
  return stub;
}

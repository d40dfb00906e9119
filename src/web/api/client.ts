// The staff app's endpoints: one typed function each, every one a request through the browser's
// one door to the server (src/browser/server), so every response is checked against the shared Zod
// contract and every failure is one of the typed errors a screen can explain.
import { z } from 'zod';
import {
  CheckInResult,
  CheckOutResult,
  ItemDetail,
  PatronDetail,
  PatronLoans,
  type PatronLoansQuery,
  type CheckInRequest,
  type CheckOutRequest,
} from '../../shared/api/circulation.ts';
import {
  BranchList,
  ClosedDayCreated,
  ClosedDayList,
  LoanRuleList,
  type NewClosedDay,
} from '../../shared/api/library.ts';
import {
  EndedSessions,
  SessionInfo,
  WorkstationSuggestion,
  type SignInRequest,
} from '../../shared/api/session.ts';
import { SetupStatus } from '../../shared/api/setup.ts';
import { ApiRequestError } from '../../browser/server/errors.ts';
import { createServerClient } from '../../browser/server/serverClient.ts';
import { administrationEndpoints } from './administration.ts';
import { holdShelfEndpoints } from './holdShelf.ts';
import { holdEndpoints } from './holds.ts';
import { importEndpoints } from './imports.ts';
import { librarySettingsEndpoints } from './librarySettings.ts';
import { offlineReportEndpoints } from './offlineReports.ts';
import { recordEndpoints } from './records.ts';
import { renewalEndpoints } from './renewals.ts';

// The typed errors the staff app's screens catch, named beside the api that throws them.
export {
  ApiRequestError,
  ServerUnreachableError,
  describeError,
} from '../../browser/server/errors.ts';

export interface ApiClientOptions {
  /** Injected for tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

const NoContent = z.unknown();

/** Builds a client. The app uses the single `api` below; tests build their own with a fake fetch. */
export function createApiClient(options: ApiClientOptions = {}) {
  const server = createServerClient(options);
  const { request } = server;

  function remember(session: SessionInfo): SessionInfo {
    server.rememberCsrfToken(session.csrfToken);
    return session;
  }

  return {
    ...offlineReportEndpoints(request),
    ...administrationEndpoints(request),
    ...recordEndpoints(request),
    ...importEndpoints(request),
    ...librarySettingsEndpoints(request),
    ...holdShelfEndpoints(request),
    ...holdEndpoints(request),
    ...renewalEndpoints(request),

    onUnauthenticated: server.onUnauthenticated,

    async signIn(credentials: SignInRequest): Promise<SessionInfo> {
      return remember(
        await request('POST', '/api/session', SessionInfo, credentials, {
          reportUnauthenticated: false,
        }),
      );
    },

    /** The current session, or null when nobody is signed in in this browser. */
    async getSession(): Promise<SessionInfo | null> {
      try {
        return remember(
          await request('GET', '/api/session', SessionInfo, undefined, {
            reportUnauthenticated: false,
          }),
        );
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 401) return null;
        throw error;
      }
    },

    /** Asked by the sign-in page: whether the library still needs its first administrator. */
    async getSetupStatus(): Promise<SetupStatus> {
      return request('GET', '/api/setup', SetupStatus, undefined, { reportUnauthenticated: false });
    },

    async signOut(): Promise<void> {
      try {
        await request('DELETE', '/api/session', NoContent, undefined, {
          reportUnauthenticated: false,
        });
      } finally {
        server.rememberCsrfToken(null);
      }
    },

    /** Ends every session of the signed-in staff member, this browser's included. */
    async signOutEverywhere(): Promise<EndedSessions> {
      try {
        return await request('POST', '/api/session/sign-out-everywhere', EndedSessions);
      } finally {
        server.rememberCsrfToken(null);
      }
    },

    async setWorkstation(name: string): Promise<SessionInfo> {
      return remember(await request('PUT', '/api/session/workstation', SessionInfo, { name }));
    },

    async suggestWorkstation(): Promise<WorkstationSuggestion> {
      return request('GET', '/api/workstations/suggestion', WorkstationSuggestion);
    },

    async getPatron(barcode: string): Promise<PatronDetail> {
      return request('GET', `/api/patrons/${encodeURIComponent(barcode)}`, PatronDetail);
    },

    /** A page of the patron's current loans, in the look-up's order. */
    async getPatronLoans(barcode: string, page: PatronLoansQuery): Promise<PatronLoans> {
      const query = new URLSearchParams({ offset: String(page.offset), limit: String(page.limit) });
      return request(
        'GET',
        `/api/patrons/${encodeURIComponent(barcode)}/loans?${query}`,
        PatronLoans,
      );
    },

    async getItem(barcode: string): Promise<ItemDetail> {
      return request('GET', `/api/items/${encodeURIComponent(barcode)}`, ItemDetail);
    },

    async checkOut(checkOut: CheckOutRequest): Promise<CheckOutResult> {
      return request('POST', '/api/checkouts', CheckOutResult, checkOut);
    },

    async checkIn(checkIn: CheckInRequest): Promise<CheckInResult> {
      return request('POST', '/api/checkins', CheckInResult, checkIn);
    },

    async getBranches(): Promise<BranchList> {
      return request('GET', '/api/library/branches', BranchList);
    },

    async getLoanRules(): Promise<LoanRuleList> {
      return request('GET', '/api/library/loan-rules', LoanRuleList);
    },

    async getClosedDays(branchCode: string): Promise<ClosedDayList> {
      const query = new URLSearchParams({ branch: branchCode });
      return request('GET', `/api/library/closed-days?${query}`, ClosedDayList);
    },

    /** Admins only. */
    async addClosedDay(closedDay: NewClosedDay): Promise<ClosedDayCreated> {
      return request('POST', '/api/library/closed-days', ClosedDayCreated, closedDay);
    },

    /** Admins only: the branch opens again that day. */
    async removeClosedDay(branchCode: string, date: string): Promise<void> {
      const path = `/api/library/closed-days/${encodeURIComponent(branchCode)}/${encodeURIComponent(date)}`;
      await request('DELETE', path, NoContent);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The staff app's client. */
export const api = createApiClient();

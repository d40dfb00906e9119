// The staff app's only door to the server: one typed function per endpoint. Every response is
// checked against the shared Zod contract, every failure becomes an error a screen can explain.
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
import { ApiError, type ErrorCode } from '../../shared/api/errors.ts';
import {
  BranchList,
  ClosedDayCreated,
  ClosedDayList,
  LoanRuleList,
  type NewClosedDay,
} from '../../shared/api/library.ts';
import {
  CSRF_HEADER,
  SessionInfo,
  WorkstationSuggestion,
  type SignInRequest,
} from '../../shared/api/session.ts';
import { offlineReportEndpoints } from './offlineReports.ts';

/** The server answered with an error: `code` is stable for branching, `message` is for people. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** No answer at all: the server is down, restarting, or the network is gone. */
export class ServerUnreachableError extends Error {
  override name = 'ServerUnreachableError';
  constructor(cause?: unknown) {
    super(
      'The Circa server cannot be reached. Check the network connection, then try again; if it keeps failing, tell your supervisor.',
      { cause },
    );
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiClientOptions {
  /** Injected for tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
  /** Where the API lives; same origin by default. */
  baseUrl?: string;
}

const NoContent = z.unknown();

interface RequestOptions {
  /** False for the session calls, whose 401 means "nobody signed in", not "session ended". */
  reportUnauthenticated?: boolean;
  /** Send `body` as it is (a file) with this Content-Type, instead of as JSON. */
  rawContentType?: string;
  /** A fetch for this request only, e.g. one that reports upload progress. */
  fetch?: typeof fetch;
}

/** One request through the client: CSRF, error codes and the response checked against `schema`. */
export type ApiRequest = <T extends z.ZodType>(
  method: Method,
  path: string,
  schema: T,
  body?: unknown,
  options?: RequestOptions,
) => Promise<z.infer<T>>;

/** Builds a client. The app uses the single `api` below; tests build their own with a fake fetch. */
export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  let csrfToken: string | null = null;
  const unauthenticatedListeners = new Set<(error: ApiRequestError) => void>();

  function remember(session: SessionInfo): SessionInfo {
    csrfToken = session.csrfToken;
    return session;
  }

  async function request<T extends z.ZodType>(
    method: Method,
    path: string,
    schema: T,
    body?: unknown,
    { reportUnauthenticated = true, rawContentType, fetch: fetchOnce }: RequestOptions = {},
  ): Promise<z.infer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = rawContentType ?? 'application/json';
    if (method !== 'GET' && csrfToken !== null) headers[CSRF_HEADER] = csrfToken;

    let response: Response;
    try {
      response = await (fetchOnce ?? doFetch)(baseUrl + path, {
        method,
        headers,
        body:
          body === undefined
            ? undefined
            : rawContentType
              ? (body as BodyInit)
              : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new ServerUnreachableError(error);
    }

    const text = await response.text().catch(() => '');
    const json = parseJson(text);

    if (!response.ok) {
      const error = toRequestError(response.status, json);
      if (error.status === 401 && reportUnauthenticated) {
        csrfToken = null;
        for (const listener of unauthenticatedListeners) listener(error);
      }
      throw error;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiRequestError(
        'INTERNAL',
        `The server sent an answer this version of Circa does not understand (${method} ${path}). Reload the page; if it persists, tell your system administrator.`,
        response.status,
      );
    }
    return parsed.data;
  }

  return {
    ...offlineReportEndpoints(request),

    /**
     * Called whenever a request finds the session gone (401), so the app can ask for a sign-in.
     * Returns a function that stops listening.
     */
    onUnauthenticated(listener: (error: ApiRequestError) => void): () => void {
      unauthenticatedListeners.add(listener);
      return () => unauthenticatedListeners.delete(listener);
    },

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

    async signOut(): Promise<void> {
      try {
        await request('DELETE', '/api/session', NoContent, undefined, {
          reportUnauthenticated: false,
        });
      } finally {
        csrfToken = null;
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

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toRequestError(status: number, json: unknown): ApiRequestError {
  const parsed = ApiError.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiRequestError(code, message, status, details);
  }
  // A proxy or a crashed server can answer without Circa's error shape; still say something useful.
  if (status === 401) {
    return new ApiRequestError('UNAUTHENTICATED', 'Your session has ended. Sign in again.', status);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiRequestError(
      'INTERNAL',
      `The Circa server is not answering (HTTP ${status}). Wait a moment and try again; if it keeps failing, tell your system administrator.`,
      status,
    );
  }
  return new ApiRequestError(
    'INTERNAL',
    `The server answered with an unexpected error (HTTP ${status}). Try again; if it keeps failing, tell your system administrator.`,
    status,
  );
}

/** Plain words for any error a request can throw, for an alert region. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError || error instanceof ServerUnreachableError) {
    return error.message;
  }
  return 'Something went wrong in this page. Reload it and try again; if it keeps happening, tell your system administrator.';
}

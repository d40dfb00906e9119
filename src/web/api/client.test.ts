import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/api/session.ts';
import {
  ApiRequestError,
  ServerUnreachableError,
  createApiClient,
  describeError,
} from './client.ts';

const branch = { id: 1, code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago' };
const session: SessionInfo = {
  libraryName: 'Riverside Public Library',
  user: { id: 1, username: 'desk', displayName: 'Desk Staff', role: 'circulation', branch },
  actions: ['session.read', 'loan.checkOut', 'loan.checkIn'],
  workstation: { id: 7, name: 'MAIN-DESK-1', branch },
  csrfToken: 'csrf-123',
  expiresAt: 1_800_000_000_000,
  installOfflineClientAtSignIn: false,
};

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records each call and answers from a list, in order. */
function fakeFetch(...answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('unexpected request');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('api client', () => {
  it('sends the CSRF token from the session on unsafe requests only', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, session),
      json(200, { name: 'MAIN-DESK-2' }),
      json(200, session),
    );
    const api = createApiClient({ fetch });
    await api.signIn({ username: 'desk', password: 'circa-demo' });
    await api.suggestWorkstation();
    await api.setWorkstation('MAIN-DESK-2');

    const headers = calls.map((c) => new Headers(c.init.headers).get('x-csrf-token'));
    expect(headers).toEqual([null, null, 'csrf-123']);
    expect(calls[2]!.init.method).toBe('PUT');
    expect(JSON.parse(String(calls[2]!.init.body))).toEqual({ name: 'MAIN-DESK-2' });
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('signs out everywhere with the session’s CSRF token, then forgets the token', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, session),
      json(200, { endedSessions: 2 }),
      json(200, session),
    );
    const api = createApiClient({ fetch });
    await api.signIn({ username: 'desk', password: 'circa-demo' });
    expect(await api.signOutEverywhere()).toEqual({ endedSessions: 2 });
    expect(calls[1]).toMatchObject({
      url: '/api/session/sign-out-everywhere',
      init: { method: 'POST' },
    });
    expect(new Headers(calls[1]!.init.headers).get('x-csrf-token')).toBe('csrf-123');
    await api.setWorkstation('MAIN-DESK-2');
    expect(new Headers(calls[2]!.init.headers).get('x-csrf-token')).toBeNull();
  });

  it('turns an API error into an ApiRequestError with code, message, status and details', async () => {
    const { fetch } = fakeFetch(
      json(409, {
        error: {
          code: 'ITEM_ON_LOAN',
          message: 'This item is on loan to another patron.',
          details: { patronBarcode: '21234' },
        },
      }),
    );
    const api = createApiClient({ fetch });
    const error = await api
      .checkOut({ patronBarcode: '21234', itemBarcode: '31234' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      code: 'ITEM_ON_LOAN',
      status: 409,
      message: 'This item is on loan to another patron.',
      details: { patronBarcode: '21234' },
    });
  });

  it('says the server cannot be reached when fetch itself fails', async () => {
    const { fetch } = fakeFetch(new TypeError('Failed to fetch'));
    const api = createApiClient({ fetch });
    const error = await api.getItem('31234').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(describeError(error)).toMatch(/cannot be reached/);
  });

  it('tells listeners when a request finds the session gone, but not for sign-in itself', async () => {
    const unauthenticated = json(401, {
      error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' },
    });
    const failedSignIn = json(401, {
      error: { code: 'SIGN_IN_FAILED', message: 'Wrong username or password.' },
    });
    const { fetch } = fakeFetch(unauthenticated, failedSignIn);
    const api = createApiClient({ fetch });
    const heard: string[] = [];
    api.onUnauthenticated((error) => heard.push(error.code));

    await expect(api.getPatron('21234')).rejects.toMatchObject({ status: 401 });
    await expect(api.signIn({ username: 'desk', password: 'x' })).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
    });
    expect(heard).toEqual(['UNAUTHENTICATED']);
  });

  it('answers null for the session when nobody is signed in', async () => {
    const { fetch } = fakeFetch(
      json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } }),
    );
    expect(await createApiClient({ fetch }).getSession()).toBeNull();
  });

  it('refuses an answer that does not match the contract instead of passing it on', async () => {
    const { fetch } = fakeFetch(json(200, { patron: { name: 'No barcode' }, loans: [] }));
    const error = await createApiClient({ fetch })
      .getPatron('21234')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).message).toMatch(/does not understand/);
  });

  it('explains an error page without Circa’s error shape, e.g. from a proxy', async () => {
    const { fetch } = fakeFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await createApiClient({ fetch })
      .getItem('31234')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL', status: 502 });
    expect((error as Error).message).toMatch(/not answering/);
  });

  it('puts the barcode into the path safely', async () => {
    const { fetch, calls } = fakeFetch(
      json(404, { error: { code: 'ITEM_NOT_FOUND', message: 'x' } }),
    );
    await createApiClient({ fetch })
      .getItem('31/2?x')
      .catch(() => undefined);
    expect(calls[0]!.url).toBe('/api/items/31%2F2%3Fx');
  });

  it('asks for one branch’s closed days by its code', async () => {
    const branchWithWeekdays = { ...branch, closedWeekdays: [0] };
    const { fetch, calls } = fakeFetch(
      json(200, {
        branch: branchWithWeekdays,
        closedDays: [{ date: '2026-12-25', reason: 'Christmas Day' }],
      }),
    );
    const answer = await createApiClient({ fetch }).getClosedDays('MAIN & EAST');
    expect(calls[0]!.url).toBe('/api/library/closed-days?branch=MAIN+%26+EAST');
    expect(answer.closedDays).toEqual([{ date: '2026-12-25', reason: 'Christmas Day' }]);
  });
});

// A Circa server behind a fake fetch for the sender's tests, and an outbox with transactions in it.
import type { OfflineUploadResult } from '../../shared/api/offline.ts';
import { createMemoryOutbox } from '../outbox/memoryOutbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { buildCheckOutDraft } from '../outbox/testDrafts.testing.ts';
import { createFetchTransport } from './transport.ts';

export const NOW = 1_800_000_000_000;
export const CSRF = 'csrf-token-of-this-session';

/** GET /api/session for a signed-in desk: where the sender finds its CSRF token. */
export const sessionInfo = (expiresAt: number) => ({
  libraryName: 'Circa Library',
  user: {
    id: 1,
    username: 'desk',
    displayName: 'Desk',
    role: 'circulation',
    branch: { id: 1, code: 'MAIN', name: 'Main', timeZone: 'UTC' },
  },
  actions: ['session.read', 'offline.upload'],
  workstation: null,
  csrfToken: CSRF,
  expiresAt,
  installOfflineClientAtSignIn: false,
});

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A server behind a fake fetch: stores each transaction once by id, as the real one does, and can
 * be told to answer a given request with an error or no answer at all.
 */
export function fakeServer() {
  const stored = new Map<string, unknown>();
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  let nextUploadId = 1;
  /** By POST number (1-based): what to do instead of storing. */
  const failures = new Map<number, 'network' | 'network-after-storing' | number>();
  let session: 'signed-in' | 'signed-out' = 'signed-in';
  let posts = 0;

  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    requests.push({ url, init });
    if (url === '/api/session') {
      if (session === 'signed-out') {
        return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.' } });
      }
      return json(200, sessionInfo(NOW + 3_600_000));
    }
    posts += 1;
    const headers = init?.headers as Record<string, string>;
    if (headers['x-csrf-token'] !== CSRF) {
      return json(403, { error: { code: 'CSRF_REJECTED', message: 'No token.' } });
    }
    const failure = failures.get(posts);
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (typeof failure === 'number') {
      return json(failure, {
        error: {
          code: failure === 401 ? 'UNAUTHENTICATED' : failure >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
          message: `The server says no (${failure}).`,
        },
      });
    }
    const { transactions } = JSON.parse(String(init?.body)) as {
      transactions: { id: string }[];
    };
    let duplicates = 0;
    for (const t of transactions) {
      if (stored.has(t.id)) duplicates += 1;
      else stored.set(t.id, t);
    }
    // Stored, then the connection dropped before the answer: the client hears nothing.
    if (failure === 'network-after-storing') throw new TypeError('Failed to fetch');
    const result: OfflineUploadResult = {
      uploadId: nextUploadId++,
      received: transactions.length,
      stored: transactions.length - duplicates,
      duplicates,
      sequenceConflicts: [],
      summary: {
        total: transactions.length,
        pending: 0,
        applied: transactions.length - 1,
        appliedWithWarning: 0,
        exception: 1,
        noted: 0,
        dismissed: 0,
      },
    };
    return json(200, result);
  };

  return {
    stored,
    requests,
    transport: createFetchTransport(fetchImpl),
    failOn(post: number, how: 'network' | 'network-after-storing' | number) {
      failures.set(post, how);
    },
    signOut() {
      session = 'signed-out';
    },
    posts: () => posts,
  };
}

export async function outboxWith(count: number): Promise<Outbox> {
  const outbox = createMemoryOutbox();
  for (let i = 0; i < count; i += 1) await outbox.record(buildCheckOutDraft());
  return outbox;
}

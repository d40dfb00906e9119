// The one door to the server for both apps: one request, same origin with the session cookie, the
// answer checked against the shared Zod contract, and every failure one of the typed errors in
// errors.ts. The staff app's client, the sender, the installer and the heartbeat all call this.
import type { z } from 'zod';
import { CSRF_HEADER } from '../../shared/api/session.ts';
import { ServerUnreachableError, toRequestError, UnreadableAnswerError } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ServerCallOptions {
  /** JSON unless `rawContentType` is set. */
  body?: unknown;
  /** Send `body` as it is (a file) with this Content-Type, instead of as JSON. */
  rawContentType?: string;
  /** Sent on unsafe requests; the signed-in session's token. */
  csrfToken?: string | null;
  /** Give up after this long; the wait then counts as no answer (ServerUnreachableError). */
  timeoutMs?: number;
  /** 'no-store' where only the server's own answer will do, never a cached one. */
  cache?: RequestCache;
  /** Called as soon as the answer starts, before its body is read: for timing a round trip. */
  onAnswer?: () => void;
  /** Injected for tests, or one that reports upload progress; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

/** Sends one request and resolves to its answer, checked against `schema`. */
export async function callServer<T extends z.ZodType>(
  method: Method,
  path: string,
  schema: T,
  options: ServerCallOptions = {},
): Promise<z.infer<T>> {
  const { body, rawContentType, csrfToken, timeoutMs, cache, onAnswer } = options;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = rawContentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await doFetch(path, {
      method,
      headers,
      body:
        body === undefined ? undefined : rawContentType ? (body as BodyInit) : JSON.stringify(body),
      credentials: 'same-origin',
      ...(cache ? { cache } : {}),
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
  } catch (error) {
    throw new ServerUnreachableError(error);
  }
  onAnswer?.();

  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (!response.ok) throw toRequestError(response.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UnreadableAnswerError(method, path, response.status);
  return parsed.data;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// A signed-in conversation with the server through callServer: it keeps the session's CSRF token
// for unsafe requests and tells listeners when a request finds the session gone. The staff app's
// api (src/web/api) spreads its endpoints over one of these.
import type { z } from 'zod';
import { callServer, type Method, type ServerCallOptions } from './callServer.ts';
import { ApiRequestError } from './errors.ts';

export interface RequestOptions extends Pick<ServerCallOptions, 'rawContentType' | 'fetch'> {
  /** False for the session calls, whose 401 means "nobody signed in", not "session ended". */
  reportUnauthenticated?: boolean;
}

/** One request through the client: CSRF, error codes and the response checked against `schema`. */
export type ServerRequest = <T extends z.ZodType>(
  method: Method,
  path: string,
  schema: T,
  body?: unknown,
  options?: RequestOptions,
) => Promise<z.infer<T>>;

export interface ServerClientOptions {
  /** Injected for tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

export function createServerClient(options: ServerClientOptions = {}) {
  let csrfToken: string | null = null;
  const unauthenticatedListeners = new Set<(error: ApiRequestError) => void>();

  const request: ServerRequest = async (method, path, schema, body, requestOptions = {}) => {
    const { reportUnauthenticated = true, rawContentType, fetch } = requestOptions;
    try {
      return await callServer(method, path, schema, {
        body,
        rawContentType,
        csrfToken,
        fetch: fetch ?? options.fetch,
      });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401 && reportUnauthenticated) {
        csrfToken = null;
        for (const listener of unauthenticatedListeners) listener(error);
      }
      throw error;
    }
  };

  return {
    request,
    /** Keeps the token of the session the server just answered with, for unsafe requests. */
    rememberCsrfToken(token: string | null): void {
      csrfToken = token;
    },
    /**
     * Called whenever a request finds the session gone (401), so the app can ask for a sign-in.
     * Returns a function that stops listening.
     */
    onUnauthenticated(listener: (error: ApiRequestError) => void): () => void {
      unauthenticatedListeners.add(listener);
      return () => unauthenticatedListeners.delete(listener);
    },
  };
}

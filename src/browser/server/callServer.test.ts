import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callServer } from './callServer.ts';
import { ApiRequestError, ServerUnreachableError, UnreadableAnswerError } from './errors.ts';

const Answer = z.object({ ok: z.literal(true) });

/** A fetch that records each call and gives one answer. */
function answering(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('callServer', () => {
  it('sends JSON with the CSRF token on unsafe requests, and the cache rule when asked', async () => {
    const { fetch, calls } = answering(() => Response.json({ ok: true }));
    await callServer('POST', '/api/x', Answer, { fetch, body: { a: 1 }, csrfToken: 't-1' });
    await callServer('GET', '/api/x', Answer, { fetch, csrfToken: 't-1', cache: 'no-store' });
    const [post, get] = calls.map((c) => c.init);
    expect(new Headers(post!.headers).get('x-csrf-token')).toBe('t-1');
    expect(new Headers(post!.headers).get('content-type')).toBe('application/json');
    expect(post!.body).toBe('{"a":1}');
    expect(new Headers(get!.headers).get('x-csrf-token')).toBeNull();
    expect(get!.cache).toBe('no-store');
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });

  it('keeps the server’s own words apart from the words it had to guess', async () => {
    const worded = answering(() =>
      Response.json({ error: { code: 'FORBIDDEN', message: 'Not for you.' } }, { status: 403 }),
    );
    const guessed = answering(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const fromServer = await callServer('GET', '/a', Answer, worded).catch((e: unknown) => e);
    const fromProxy = await callServer('GET', '/a', Answer, guessed).catch((e: unknown) => e);
    expect(fromServer).toMatchObject({ code: 'FORBIDDEN', status: 403, fromServer: true });
    expect(fromProxy).toMatchObject({ code: 'INTERNAL', status: 502, fromServer: false });
    expect(fromProxy).toBeInstanceOf(ApiRequestError);
  });

  it('calls an answer off the contract unreadable, still an ApiRequestError for screens', async () => {
    const { fetch } = answering(() => Response.json({ ok: 'maybe' }, { status: 201 }));
    const error = await callServer('GET', '/api/x', Answer, { fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'INTERNAL', status: 201 });
    expect((error as Error).message).toMatch(/does not understand \(GET \/api\/x\)/);
  });

  it('gives up after the timeout as if the server had not answered', async () => {
    const { fetch } = answering(() => new Promise<Response>(() => undefined));
    const hanging = (async (url: string, init: RequestInit = {}) => {
      const answer = fetch(url, init);
      return Promise.race([
        answer,
        new Promise<Response>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
      ]);
    }) as typeof globalThis.fetch;
    const error = await callServer('GET', '/a', Answer, { fetch: hanging, timeoutMs: 10 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerUnreachableError);
  });

  it('tells when the answer starts, before its body is read', async () => {
    const events: string[] = [];
    const { fetch } = answering(() => {
      const response = Response.json({ ok: true });
      const text = response.text.bind(response);
      response.text = async () => {
        events.push('body read');
        return text();
      };
      return response;
    });
    await callServer('GET', '/a', Answer, { fetch, onAnswer: () => events.push('answered') });
    expect(events).toEqual(['answered', 'body read']);
  });
});

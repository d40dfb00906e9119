// Is the Circa server reachable? A heartbeat to /api/health, never navigator.onLine: with the
// server stopped the browser still reports itself online.

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A health check that has not answered in this long counts as unreachable. */
export const HEARTBEAT_TIMEOUT_MS = 3_000;
export const HEALTH_URL = '/api/health';

export type ServerStatus = 'checking' | 'reachable' | 'unreachable';

/** One heartbeat: reachable only when the server and its database answer "ok" in time. */
export async function checkServer(fetchImpl: typeof fetch = fetch): Promise<ServerStatus> {
  try {
    const response = await fetchImpl(HEALTH_URL, {
      cache: 'no-store',
      signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS),
    });
    if (!response.ok) return 'unreachable';
    const body = (await response.json()) as { status?: unknown };
    return body.status === 'ok' ? 'reachable' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

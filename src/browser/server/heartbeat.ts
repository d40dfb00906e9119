// Is the Circa server reachable? A heartbeat to /api/health, never navigator.onLine: with the
// server stopped the browser still reports itself online.
import { HealthStatus } from '../../shared/api/session.ts';
import { callServer } from './callServer.ts';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A health check that has not answered in this long counts as unreachable. */
export const HEARTBEAT_TIMEOUT_MS = 3_000;
export const HEALTH_URL = '/api/health';

export type ServerStatus = 'checking' | 'reachable' | 'unreachable';

/** One heartbeat: reachable only when the server and its database answer "ok" in time. */
export async function checkServer(fetchImpl?: typeof fetch): Promise<ServerStatus> {
  try {
    const health = await callServer('GET', HEALTH_URL, HealthStatus, {
      fetch: fetchImpl,
      cache: 'no-store',
      timeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
    return health.status === 'ok' ? 'reachable' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

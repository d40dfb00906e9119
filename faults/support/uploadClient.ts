// A desk sending its outbox over HTTP as the offline client does: sign in once, POST batches of
// offline transactions, and resend a batch until the server acknowledges it (a dropped connection,
// a refused connection while the server restarts, or a 5xx all mean "not acknowledged").
import { setTimeout as sleep } from 'node:timers/promises';
import { CSRF_HEADER, SESSION_COOKIE, SessionInfo } from '../../src/shared/api/session.ts';
import { OfflineUploadResult } from '../../src/shared/api/offline.ts';
import type { OfflineTransaction } from '../../src/shared/offline/transaction.ts';

/** Longest a request may take before the desk gives up on it and resends. */
const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_PAUSE_MS = 50;

export interface DeskSession {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
}

export interface SendStats {
  /** Requests sent, acknowledged or not. */
  attempts: number;
  /** Requests that failed: connection dropped or refused, or an error status. */
  failures: number;
  /** Error statuses seen, e.g. { 500: 2 }. */
  statuses: Record<number, number>;
  /** Requests under way right now (a kill at this moment interrupts an upload). */
  inFlight: number;
}

export function newSendStats(): SendStats {
  return { attempts: 0, failures: 0, statuses: {}, inFlight: 0 };
}

export class NotAcknowledgedError extends Error {
  override name = 'NotAcknowledgedError';
}

/** Signs in, retrying while the server is unreachable (it may be restarting) or throttles. */
export async function signInDesk(props: {
  baseUrl: string;
  username: string;
  password: string;
  workstation: string;
  deadline: number;
}): Promise<DeskSession> {
  for (;;) {
    try {
      const response = await fetch(`${props.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: props.username,
          password: props.password,
          workstation: props.workstation,
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.ok) {
        const session = SessionInfo.parse(await response.json());
        const cookie = response.headers
          .getSetCookie()
          .map((c) => c.split(';')[0] ?? '')
          .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
        if (!cookie) throw new Error('Sign-in answered without a session cookie.');
        return { baseUrl: props.baseUrl, cookie, csrfToken: session.csrfToken };
      }
      if (response.status === 429) {
        // Desks signing in at once as one user share a throttle (docs/security.md): wait as told.
        const waitMs = Number(response.headers.get('retry-after') ?? '1') * 1000;
        if (Date.now() + waitMs > props.deadline) {
          throw new NotAcknowledgedError(`Sign-in still throttled: ${await response.text()}`);
        }
        await sleep(waitMs);
        continue;
      }
      if (response.status < 500) {
        throw new Error(`Sign-in refused: ${response.status} ${await response.text()}`);
      }
    } catch (error) {
      if (!isUnreachable(error)) throw error;
    }
    if (Date.now() > props.deadline) throw new NotAcknowledgedError('Sign-in never succeeded.');
    await sleep(RETRY_PAUSE_MS);
  }
}

/**
 * Names the session's workstation, as a desk does before sending: every transaction it sends must
 * have been recorded at that workstation. Retries while the server is unreachable.
 */
export async function nameWorkstation(props: {
  session: DeskSession;
  name: string;
  deadline: number;
}): Promise<void> {
  const { session } = props;
  for (;;) {
    try {
      const response = await fetch(`${session.baseUrl}/api/session/workstation`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          [CSRF_HEADER]: session.csrfToken,
        },
        body: JSON.stringify({ name: props.name }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.ok) return;
      if (response.status < 500) {
        throw new Error(
          `Naming the workstation refused: ${response.status} ${await response.text()}`,
        );
      }
    } catch (error) {
      if (!isUnreachable(error)) throw error;
    }
    if (Date.now() > props.deadline)
      throw new NotAcknowledgedError('Naming the workstation never succeeded.');
    await sleep(RETRY_PAUSE_MS);
  }
}

export interface Acknowledgement {
  result: OfflineUploadResult;
  /** Status and message of every failed attempt before it. */
  failures: { status: number | null; message: string }[];
}

/** POSTs the batch until a 200 comes back; a 4xx other than 5xx is a test bug and thrown. */
export async function sendUntilAcknowledged(props: {
  session: DeskSession;
  transactions: readonly OfflineTransaction[];
  stats: SendStats;
  deadline: number;
  /** Called as each request goes out (a fault injector may time a kill from it). */
  onSend?: () => void;
}): Promise<Acknowledgement> {
  const { session, stats } = props;
  const failures: Acknowledgement['failures'] = [];
  for (;;) {
    stats.attempts += 1;
    stats.inFlight += 1;
    props.onSend?.();
    try {
      const response = await fetch(`${session.baseUrl}/api/offline/transactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          [CSRF_HEADER]: session.csrfToken,
        },
        body: JSON.stringify({ transactions: props.transactions }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.ok) return { result: OfflineUploadResult.parse(JSON.parse(text)), failures };
      stats.failures += 1;
      stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
      failures.push({ status: response.status, message: text });
      if (response.status < 500) {
        throw new Error(`Upload refused with ${response.status}: ${text}`);
      }
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      stats.failures += 1;
      failures.push({ status: null, message: String((error as Error).cause ?? error) });
    } finally {
      stats.inFlight -= 1;
    }
    if (Date.now() > props.deadline) {
      throw new NotAcknowledgedError(
        `Not acknowledged after ${failures.length} attempts; the last: ${failures.at(-1)?.message}`,
      );
    }
    await sleep(RETRY_PAUSE_MS);
  }
}

/** fetch's "the server is not there" failures (refused, reset, timed out). */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TypeError' || error.name === 'TimeoutError' || error.name === 'AbortError';
}

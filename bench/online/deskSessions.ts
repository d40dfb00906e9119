// Signed-in desks for the online benchmarks: each signs in over HTTP as a browser would, names its
// workstation, and then sends the session cookie and the CSRF token the server gave it.
import { CSRF_HEADER, SESSION_COOKIE, type SessionInfo } from '../../src/shared/api/session.ts';

/** The demo library's circulation sign-in (docs/demo.md); a supervisor for offline uploads. */
export const DEMO_DESK = { username: 'desk', password: 'circa-demo' } as const;
export const DEMO_SUPERVISOR = { username: 'super', password: 'circa-demo' } as const;

export interface DeskSession {
  workstation: string;
  /** Headers for a JSON POST: the cookie, the CSRF token and the body type. */
  headers: Record<string, string>;
  /** Headers for a GET: the cookie only. */
  readHeaders: Record<string, string>;
}

export async function signInDesk(
  baseUrl: string,
  props: { username: string; password: string; workstation: string },
): Promise<DeskSession> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(props),
  });
  if (response.status !== 200) {
    throw new Error(
      `Sign-in as ${props.username} failed: ${response.status} ${await response.text()}`,
    );
  }
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`Sign-in as ${props.username} set no session cookie.`);
  const session = (await response.json()) as SessionInfo;
  return {
    workstation: props.workstation,
    readHeaders: { cookie },
    headers: {
      cookie,
      [CSRF_HEADER]: session.csrfToken,
      'content-type': 'application/json',
    },
  };
}

/** `count` desks signed in as the demo circulation user, at workstations `<prefix>-1` … */
export async function signInDesks(
  baseUrl: string,
  count: number,
  prefix: string,
  user: { username: string; password: string } = DEMO_DESK,
): Promise<DeskSession[]> {
  const desks: DeskSession[] = [];
  for (let i = 1; i <= count; i++) {
    desks.push(await signInDesk(baseUrl, { ...user, workstation: `${prefix}-${i}` }));
  }
  return desks;
}

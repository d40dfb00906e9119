// Cross-site request checks for state-changing requests. The session cookie is SameSite=Strict and
// every unsafe request must echo the session's CSRF token; refusing what the browser itself marks as
// cross-site is a third, independent line.
import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Why the browser says this request comes from another site, or null when it does not.
 * The Origin host is compared with the Host header, not the scheme, so a proxy that terminates
 * HTTPS without forwarding headers does not lock everyone out.
 */
export function crossSiteReason(request: FastifyRequest): string | null {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return `the browser marked it as coming from another site (Sec-Fetch-Site: ${fetchSite})`;
  }
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return `its Origin header (${origin.slice(0, 100)}) is not a web address`;
  }
  const host = request.headers.host;
  // Read the Host header with the Origin's scheme, so an explicit default port (:80) still matches.
  let hostOnOriginScheme: string | null = null;
  try {
    hostOnOriginScheme = host ? new URL(`${originUrl.protocol}//${host}`).host : null;
  } catch {
    hostOnOriginScheme = null;
  }
  if (originUrl.host.toLowerCase() !== hostOnOriginScheme?.toLowerCase()) {
    return `it comes from ${originUrl.host}, not from ${host ?? 'this server'}`;
  }
  return null;
}

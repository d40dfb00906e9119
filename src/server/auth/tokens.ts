// Random tokens for sessions and CSRF, and the hash under which a session token is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: far beyond guessing, and the size the cookie and header are checked against. */
const TOKEN_BYTES = 32;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** SHA-256 (hex) of a session token: the database stores this, never the token itself. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

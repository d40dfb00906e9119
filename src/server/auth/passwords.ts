// Password hashes: scrypt with a per-password salt, stored as scrypt$N$r$p$salt$hash (base64).
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

/** Production cost: ~0.6 s per hash on the reference machine. Tests pass a lower cost. */
export const PRODUCTION_SCRYPT_COST = 2 ** 17;
const BLOCK_SIZE = 8;
const PARALLELIZATION = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function memoryFor(cost: number, blockSize: number): number {
  // scrypt needs 128·N·r bytes; leave headroom so Node does not refuse.
  return 128 * cost * blockSize * 2;
}

export async function hashPassword(
  password: string,
  cost: number = PRODUCTION_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, {
    N: cost,
    r: BLOCK_SIZE,
    p: PARALLELIZATION,
    maxmem: memoryFor(cost, BLOCK_SIZE),
  });
  return [
    'scrypt',
    cost,
    BLOCK_SIZE,
    PARALLELIZATION,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

/** True when the password matches; false for a wrong password or a hash in an unknown format. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const cost = Number(n);
  const blockSize = Number(r);
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: cost,
    r: blockSize,
    p: Number(p),
    maxmem: memoryFor(cost, blockSize),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

const TEST_COST = 2 ** 10;

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('circa-demo', TEST_COST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(stored).not.toContain('circa-demo');
    await expect(verifyPassword('circa-demo', stored)).resolves.toBe(true);
    await expect(verifyPassword('circa-demo ', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same', TEST_COST)).not.toBe(await hashPassword('same', TEST_COST));
  });

  it('refuses hashes in an unknown format', async () => {
    await expect(verifyPassword('x', 'plain:x')).resolves.toBe(false);
  });
});

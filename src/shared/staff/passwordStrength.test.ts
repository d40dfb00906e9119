import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_CHARS, passwordProblem } from './passwordStrength.ts';

describe('passwordProblem', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Lend-3-books-by-noon', { username: 'mara' })).toBeNull();
  });

  it('refuses a password shorter than the minimum, counting characters not bytes', () => {
    expect(passwordProblem('a'.repeat(3) + 'bcdefghi')).toMatch(/too short/);
    expect(passwordProblem('é'.repeat(6) + 'xyz12')).toMatch(/too short/);
    expect(passwordProblem('zq7!' + 'é'.repeat(MIN_PASSWORD_CHARS - 4))).toBeNull();
  });

  it('refuses a password that is too long', () => {
    expect(passwordProblem('ab1!'.repeat(60))).toMatch(/too long/);
  });

  it('refuses spaces at either end', () => {
    expect(passwordProblem(' correct horse battery')).toMatch(/space/);
    expect(passwordProblem('correct horse battery ')).toMatch(/space/);
  });

  it('refuses repeats, common passwords, sequences, the username and the system name', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/repeats/);
    expect(passwordProblem('abababababab')).toMatch(/repeats/);
    expect(passwordProblem('Password1234')).toMatch(/attackers try/);
    expect(passwordProblem('123456789012')).toMatch(/attackers try/);
    expect(passwordProblem('abcdefghijklm')).toMatch(/consecutive/);
    expect(passwordProblem('9876543210987')).toBeNull();
    expect(passwordProblem('zyxwvutsrqpon')).toMatch(/consecutive/);
    expect(passwordProblem('my name is Mara Lee!', { username: 'mara' })).toMatch(/username/);
    expect(passwordProblem('welcome to circa desk')).toMatch(/name of the system/);
  });
});

import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  PasswordNotGiven,
  PasswordRefused,
  readNewPassword,
  type PasswordStreams,
} from './readPassword.ts';

const GOOD = 'river otter lanterns';

/** A pretend terminal: what the person types, and everything the prompt writes back. */
function terminal(typed: string[]): { streams: PasswordStreams; shown: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  let shown = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      shown += chunk.toString();
      done();
    },
  });
  // Each answer is typed only once its question is on the screen, as a person would.
  let next = 0;
  const original = output.write.bind(output);
  output.write = ((chunk: string | Buffer, ...rest: never[]) => {
    const result = original(chunk, ...rest);
    if (chunk.toString().endsWith(': ') && next < typed.length) {
      const line = typed[next++];
      setImmediate(() => input.write(line));
    }
    return result;
  }) as typeof output.write;
  return { streams: { input, output }, shown: () => shown };
}

function pipe(text: string): PasswordStreams {
  const input = new PassThrough();
  input.end(text);
  return { input, output: new PassThrough() };
}

describe('readNewPassword at a terminal', () => {
  it('asks twice and shows none of what was typed', async () => {
    const { streams, shown } = terminal([`${GOOD}\r`, `${GOOD}\r`]);
    await expect(readNewPassword('ada', streams)).resolves.toBe(GOOD);
    expect(shown()).toContain('New password for ada: ');
    expect(shown()).toContain('Type the same password again: ');
    expect(shown()).not.toContain('otter');
  });

  it('explains a weak password and asks again', async () => {
    const { streams, shown } = terminal(['short\r', `${GOOD}\r`, `${GOOD}\r`]);
    await expect(readNewPassword('ada', streams)).resolves.toBe(GOOD);
    expect(shown()).toMatch(/The password is too short: use at least 12 characters/);
  });

  it('asks again when the two differ, and gives up after three tries', async () => {
    const typed = Array.from({ length: 3 }, () => [
      `${GOOD}\r`,
      'something else entirely\r',
    ]).flat();
    const { streams, shown } = terminal(typed);
    const refused = readNewPassword('ada', streams);
    await expect(refused).rejects.toThrow(PasswordRefused);
    await expect(refused).rejects.toThrow(/The two passwords differ\. Nothing was created/);
    expect(shown().match(/type the password twice/g)).toHaveLength(3);
  });

  it('refuses a password containing the username', async () => {
    const typed = ['ada-lovelace-1815\r', 'ada-lovelace-1815\r', 'ada-lovelace-1815\r'];
    const { streams } = terminal(typed);
    await expect(readNewPassword('ada', streams)).rejects.toThrow(/contains the username/);
  });
});

describe('readNewPassword from a pipe', () => {
  it('takes the first line, without its line ending', async () => {
    await expect(readNewPassword('ada', pipe(`${GOOD}\r\nignored\n`))).resolves.toBe(GOOD);
    await expect(readNewPassword('ada', pipe(GOOD))).resolves.toBe(GOOD);
  });

  it('refuses a weak password at once, with the reason', async () => {
    await expect(readNewPassword('ada', pipe('password1234\n'))).rejects.toThrow(
      /one of the first that attackers try/,
    );
  });

  it('says so when the input ends before a password', async () => {
    await expect(readNewPassword('ada', pipe(''))).rejects.toThrow(PasswordNotGiven);
  });
});

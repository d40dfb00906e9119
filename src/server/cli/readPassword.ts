// Reads a password for the command line: at a terminal, asked with nothing echoed (node:readline
// writing to an output that is muted while the person types); from a pipe or a file, the first
// line of standard input, so scripts and tests can run `circa create-admin` without a terminal.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { passwordProblem } from '../../shared/staff/passwordStrength.ts';

export interface PasswordStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where the question is written (standard error, so standard output stays for results). */
  output: NodeJS.WritableStream;
}

/** The person left the prompt (Ctrl+C, Ctrl+D) or the input ended before a line came. */
export class PasswordNotGiven extends Error {
  override name = 'PasswordNotGiven';
}

export function isTerminal(streams: PasswordStreams): boolean {
  return streams.input.isTTY === true;
}

/** Asks `question` at a terminal and returns what was typed, echoing nothing of it. */
export function askHidden(question: string, streams: PasswordStreams): Promise<string> {
  let muted = false;
  const mutedOutput = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      if (!muted) streams.output.write(chunk);
      done();
    },
  });
  const terminal = createInterface({
    input: streams.input,
    output: mutedOutput,
    terminal: true,
    historySize: 0,
  });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    terminal.question(question, (answer) => {
      answered = true;
      muted = false;
      streams.output.write('\n');
      terminal.close();
      resolve(answer);
    });
    // Set after question() has written the prompt: from here on, typed characters are not shown.
    muted = true;
    terminal.on('SIGINT', () => {
      muted = false;
      streams.output.write('\n');
      terminal.close();
    });
    terminal.once('close', () => {
      if (!answered) reject(new PasswordNotGiven('No password was typed, so nothing was created.'));
    });
  });
}

/** The first line of a non-terminal input (without its line ending). */
export function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  return new Promise<string>((resolve, reject) => {
    let done = false;
    lines.once('line', (line) => {
      done = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!done) {
        reject(
          new PasswordNotGiven(
            'Standard input ended before a password: send the password as one line, e.g. ' +
              'printf \'%s\\n\' "$PASSWORD" | npx circa create-admin …',
          ),
        );
      }
    });
  });
}

/** Tries a terminal gets before the command gives up (a weak password, or two that differ). */
export const PASSWORD_ATTEMPTS = 3;

/** A password that cannot be used; the message is passwordProblem's reason or the mismatch. */
export class PasswordRefused extends Error {
  override name = 'PasswordRefused';
}

/**
 * A new password for `username`, checked with passwordProblem. At a terminal it is asked twice
 * (both must match), and a weak one or a mismatch is explained and asked again, up to
 * PASSWORD_ATTEMPTS times. From a pipe it is the first line, refused at once when weak.
 */
export async function readNewPassword(username: string, streams: PasswordStreams): Promise<string> {
  if (!isTerminal(streams)) {
    const password = await readFirstLine(streams.input);
    const problem = passwordProblem(password, { username });
    if (problem !== null) throw new PasswordRefused(problem);
    return password;
  }
  let refusal = '';
  for (let attempt = 1; attempt <= PASSWORD_ATTEMPTS; attempt += 1) {
    const password = await askHidden(`New password for ${username}: `, streams);
    const problem = passwordProblem(password, { username });
    if (problem !== null) {
      refusal = problem;
      streams.output.write(`${problem}\n`);
      continue;
    }
    const again = await askHidden('Type the same password again: ', streams);
    if (again !== password) {
      refusal = 'The two passwords differ.';
      streams.output.write(
        'The two passwords differ: type the password twice, the same each time.\n',
      );
      continue;
    }
    return password;
  }
  throw new PasswordRefused(`${refusal} Nothing was created; run the command again.`.trim());
}

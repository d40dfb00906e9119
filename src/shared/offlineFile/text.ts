// From an uploaded file to its lines: UTF-8 decoding, byte order mark, CRLF and trailing blank
// lines. Shared by the circa-offline reader and the .koc reader.
import type { ErrorCollector } from './errors.ts';
import { MAX_LINE_CHARS } from './format.ts';

/** What a reader accepts: text already decoded, or the raw bytes of the file. */
export type FileInput = string | Uint8Array;

const BYTE_ORDER_MARK = '\uFEFF';
const REPLACEMENT_CHARACTER = '\uFFFD';
const NUL = '\u0000';

/**
 * The file's lines, without line endings and without the blank lines at the end (editors and
 * `echo` add them). Returns null after recording an error when the input is not usable text.
 */
export function fileLines(input: FileInput, errors: ErrorCollector): string[] | null {
  const text = decode(input, errors);
  if (text === null) return null;
  if (text.trim() === '') {
    errors.add('EMPTY_FILE', null, null, 'The file is empty. Choose the file again and upload it.');
    return null;
  }
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '') lines.pop();
  return lines;
}

/** Blank lines are allowed only at the end: one in the middle suggests a lost line. */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Records LINE_TOO_LONG and returns false when the line is over MAX_LINE_CHARS. */
export function checkLineLength(line: string, lineNumber: number, errors: ErrorCollector): boolean {
  if (line.length <= MAX_LINE_CHARS) return true;
  errors.add(
    'LINE_TOO_LONG',
    lineNumber,
    null,
    `the line has ${line.length} characters; at most ${MAX_LINE_CHARS} are allowed. The file is damaged or is not an offline file.`,
  );
  return false;
}

function decode(input: FileInput, errors: ErrorCollector): string | null {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      // fatal: invalid UTF-8 is an error rather than silently replaced; the BOM is removed.
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const lossy = new TextDecoder('utf-8').decode(input);
      errors.add(
        'NOT_TEXT',
        lineOf(lossy, lossy.indexOf(REPLACEMENT_CHARACTER)),
        null,
        'the file is not UTF-8 text. Export it again from the offline client (or save it as UTF-8) and upload it again.',
      );
      return null;
    }
  }
  if (text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
  for (const [character, why] of [
    [NUL, 'contains binary data (a NUL character)'],
    [
      REPLACEMENT_CHARACTER,
      'contains characters that could not be read (it was not saved as UTF-8)',
    ],
  ] as const) {
    const at = text.indexOf(character);
    if (at >= 0) {
      errors.add(
        'NOT_TEXT',
        lineOf(text, at),
        null,
        `the file ${why}. Export it again from the offline client and upload it again.`,
      );
      return null;
    }
  }
  return text;
}

/** 1-based line number of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

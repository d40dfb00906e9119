// Bytes → UTF-8 text as a file streams in, with the line where it stops being UTF-8. A byte-order
// mark is dropped; a UTF-16 file is named as one, since spreadsheets often save "Unicode" as UTF-16.
import { ImportFileError } from './importFileError.ts';

const REPLACEMENT = '\uFFFD';

export async function* utf8Chunks(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let linesBefore = 1;
  let first = true;
  for await (const bytes of source) {
    if (first && bytes.length > 0) {
      first = false;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw ImportFileError.at(
          1,
          'file',
          'The file is UTF-16 text, not UTF-8: save it again as "CSV UTF-8" (or UTF-8 text) and upload that.',
        );
      }
    }
    const text = decoder.decode(bytes, { stream: true });
    checkText(text, linesBefore);
    linesBefore += countLines(text);
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  checkText(rest, linesBefore);
  if (rest !== '') yield rest;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

function checkText(text: string, linesBefore: number): void {
  const bad = text.indexOf(REPLACEMENT);
  if (bad !== -1) {
    throw ImportFileError.at(
      linesBefore + countLines(text.slice(0, bad)),
      'file',
      'This line has bytes that are not UTF-8 text (the file may be in Windows-1252 or Latin-1): save the file again as UTF-8 and upload that.',
    );
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    throw ImportFileError.at(
      linesBefore + countLines(text.slice(0, nul)),
      'file',
      'This line has NUL characters, which text files do not: the file is UTF-16 or not text at all. Save it again as UTF-8.',
    );
  }
}

// Is a MARC 21 record whole before marcjs reads it? marcjs trusts the leader and the directory, so a
// damaged record would come out as silent nonsense; these checks name what is wrong instead. ISO 2709
// (binary .mrc): the leader's record length and base address, each directory entry, the field and
// record terminators, and UTF-8 text. MARCXML: the layout of leader, controlfield, datafield and
// subfield elements that MARC 21 slim files (Koha, MarcEdit, the Library of Congress) use.

export const RECORD_TERMINATOR = 0x1d;
export const FIELD_TERMINATOR = 0x1e;
const LEADER_LENGTH = 24;
const DIRECTORY_ENTRY_LENGTH = 12;
/** MARC 21's largest record: the leader's five digits of length. */
export const MAX_ISO2709_RECORD_BYTES = 99_999;

const DIGITS = /^[0-9]+$/;
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** One decoder for every record (not streaming, so it keeps no state between them): refuses what is not UTF-8. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What is wrong with one binary record (its bytes up to and including the 0x1D), or null. */
export function iso2709Problem(record: Uint8Array): string | null {
  if (record[record.length - 1] !== RECORD_TERMINATOR) {
    return 'The record does not end with a record terminator: the file is cut short. Export it again.';
  }
  if (record.length < LEADER_LENGTH + 2) {
    return `The record is ${record.length} bytes, shorter than a leader: the file is damaged. Export it again.`;
  }
  const lengthText = ascii(record, 0, 5);
  if (!DIGITS.test(lengthText)) {
    return `The leader's record length "${printable(lengthText)}" is not five digits: this is not a MARC 21 record, or it is damaged.`;
  }
  if (Number(lengthText) !== record.length) {
    return `The leader says the record is ${Number(lengthText)} bytes long, but it is ${record.length}: the record is damaged (or not UTF-8 as its leader says). Export it again.`;
  }
  const baseText = ascii(record, 12, 17);
  if (!DIGITS.test(baseText)) {
    return `The leader's base address of data "${printable(baseText)}" is not five digits: the record is damaged.`;
  }
  const base = Number(baseText);
  const directoryLength = base - LEADER_LENGTH - 1;
  if (
    base > record.length - 1 ||
    directoryLength < 0 ||
    directoryLength % DIRECTORY_ENTRY_LENGTH !== 0 ||
    record[base - 1] !== FIELD_TERMINATOR
  ) {
    return `The directory is broken: the leader's base address ${base} does not follow a whole directory ended by a field terminator.`;
  }
  const dataLength = record.length - 1 - base;
  for (let offset = LEADER_LENGTH; offset < base - 1; offset += DIRECTORY_ENTRY_LENGTH) {
    const entry = ascii(record, offset, offset + DIRECTORY_ENTRY_LENGTH);
    const entryNumber = (offset - LEADER_LENGTH) / DIRECTORY_ENTRY_LENGTH + 1;
    const tag = entry.slice(0, 3);
    const length = entry.slice(3, 7);
    const start = entry.slice(7, 12);
    if (!/^[0-9A-Za-z]{3}$/.test(tag) || !DIGITS.test(length) || !DIGITS.test(start)) {
      return `Directory entry ${entryNumber} ("${printable(entry)}") is not a tag, a length and a start: the directory is broken.`;
    }
    const end = Number(start) + Number(length);
    if (Number(length) < 1 || end > dataLength) {
      return `Field ${tag} (directory entry ${entryNumber}) runs past the end of the record: the directory is broken.`;
    }
    if (record[base + end - 1] !== FIELD_TERMINATOR) {
      return `Field ${tag} (directory entry ${entryNumber}) does not end with a field terminator: the directory is broken.`;
    }
  }
  try {
    STRICT_UTF8.decode(record);
  } catch {
    return 'The record is not UTF-8 text (MARC-8 or another character set?): export it again in UTF-8 (MARC 21 leader position 9 = a).';
  }
  return null;
}

/** Text safe to quote in a message: control characters shown as '?', at most 40 characters. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}

const CONTROL_FIELD = /\s*<controlfield\s+tag="([0-9A-Za-z]{3})">[^<]*<\/controlfield>/y;
const DATA_FIELD_OPEN = /\s*<datafield\s+tag="([0-9A-Za-z]{3})"\s+ind1="[^"<&]"\s+ind2="[^"<&]">/y;
const SUBFIELD = /\s*<subfield\s+code="[^"<&]">[^<]*<\/subfield>/y;
const DATA_FIELD_CLOSE = /\s*<\/datafield>/y;
const RECORD_OPEN = /^<record(\s[^>]*)?>\s*<leader>[^<]{24}<\/leader>/;
const RECORD_CLOSE = /\s*<\/record>$/y;
/** An entity XML itself defines, or a character reference: anything else is refused. */
const ENTITY = /&(?!(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)/;

/** Removes the `marc:` (or any) namespace prefix from element names, as MARC 21 slim allows. */
export function withoutElementPrefix(xml: string): string {
  return xml.replace(
    /<(\/?)[A-Za-z_][\w.-]*:(record|leader|controlfield|datafield|subfield)\b/g,
    '<$1$2',
  );
}

/** What is wrong with one MARCXML `<record>…</record>` (prefix removed), or null. */
export function marcxmlProblem(xml: string): string | null {
  const opening = RECORD_OPEN.exec(xml);
  if (!opening) {
    return 'The record does not start with a leader of 24 characters: the record is damaged or not MARC 21.';
  }
  if (ENTITY.test(xml)) {
    return 'The record has an & that does not begin an XML entity (&amp; &lt; &gt; &quot; &apos;): the file is not well-formed XML.';
  }
  let at = opening[0].length;
  for (;;) {
    CONTROL_FIELD.lastIndex = at;
    if (CONTROL_FIELD.exec(xml)) {
      at = CONTROL_FIELD.lastIndex;
      continue;
    }
    DATA_FIELD_OPEN.lastIndex = at;
    const data = DATA_FIELD_OPEN.exec(xml);
    if (data) {
      at = DATA_FIELD_OPEN.lastIndex;
      for (;;) {
        SUBFIELD.lastIndex = at;
        if (!SUBFIELD.exec(xml)) break;
        at = SUBFIELD.lastIndex;
      }
      DATA_FIELD_CLOSE.lastIndex = at;
      if (!DATA_FIELD_CLOSE.exec(xml)) {
        return `Field ${data[1]} is not closed by </datafield> after its subfields: the record is damaged.`;
      }
      at = DATA_FIELD_CLOSE.lastIndex;
      continue;
    }
    RECORD_CLOSE.lastIndex = at;
    if (RECORD_CLOSE.exec(xml)) return null;
    const near = xml
      .slice(at, at + 40)
      .trim()
      .replace(/\s+/g, ' ');
    return `The record has something other than a controlfield, datafield or subfield element near "${near}": the record is damaged, or its elements are written in a layout Circa does not read (tag before ind1 and ind2, double quotes).`;
  }
}

// marcjs (the Koha community's MARC library) behind a typed seam: it parses one record that
// marcStructure.ts has found whole, binary (ISO 2709) or MARCXML, into fields.
import { createRequire } from 'node:module';
import type { MarcField } from '../../shared/imports/marcItems.ts';

interface MarcjsRecord {
  leader: string;
  /** [tag, value] for control fields; [tag, indicators, code, value, code, value, …] otherwise. */
  fields: string[][];
}

const require = createRequire(import.meta.url);
const { Marc } = require('marcjs') as {
  Marc: { parse(raw: Buffer | string, type: 'iso2709' | 'marcxml'): MarcjsRecord };
};

function fieldsOf(record: MarcjsRecord): MarcField[] {
  return record.fields.map(([tag = '', ...rest]) => {
    if (/^00[0-9]$/.test(tag)) return { tag, value: rest[0] ?? '' };
    const [indicators = '  ', ...pairs] = rest;
    const subfields: [string, string][] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) subfields.push([pairs[i]!, pairs[i + 1]!]);
    return { tag, indicators, subfields };
  });
}

export function parseIso2709(record: Uint8Array): MarcField[] {
  return fieldsOf(
    Marc.parse(Buffer.from(record.buffer, record.byteOffset, record.length), 'iso2709'),
  );
}

export function parseMarcxml(record: string): MarcField[] {
  return fieldsOf(Marc.parse(record, 'marcxml'));
}

// Writing MARC 21 files for tests and benchmarks: binary ISO 2709 and MARCXML, from records given
// as control fields and data fields. A writer, not a reader: the import reads with marcjs.

export type TestMarcField =
  | { tag: string; value: string }
  | { tag: string; ind?: string; subfields: readonly (readonly [string, string])[] };

const encoder = new TextEncoder();

/** One record in ISO 2709 with a correct leader, directory and terminators (UTF-8, leader/09 = a). */
export function iso2709Record(fields: readonly TestMarcField[]): Uint8Array {
  const bodies = fields.map((field) =>
    encoder.encode(
      'value' in field
        ? `${field.value}\x1e`
        : `${field.ind ?? '  '}${field.subfields.map(([code, value]) => `\x1f${code}${value}`).join('')}\x1e`,
    ),
  );
  let directory = '';
  let start = 0;
  fields.forEach((field, i) => {
    const length = bodies[i]!.length;
    directory += `${field.tag}${String(length).padStart(4, '0')}${String(start).padStart(5, '0')}`;
    start += length;
  });
  directory += '\x1e';
  const base = 24 + directory.length;
  const total = base + start + 1;
  const leader = `${String(total).padStart(5, '0')}nam a22${String(base).padStart(5, '0')}   4500`;
  const out = new Uint8Array(total);
  out.set(encoder.encode(leader + directory), 0);
  let at = base;
  for (const body of bodies) {
    out.set(body, at);
    at += body.length;
  }
  out[total - 1] = 0x1d;
  return out;
}

export function iso2709File(records: readonly (readonly TestMarcField[])[]): Uint8Array {
  const parts = records.map(iso2709Record);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function marcxmlRecord(fields: readonly TestMarcField[]): string {
  const body = fields
    .map((field) =>
      'value' in field
        ? `    <controlfield tag="${field.tag}">${escape(field.value)}</controlfield>`
        : `    <datafield tag="${field.tag}" ind1="${(field.ind ?? '  ')[0]}" ind2="${(field.ind ?? '  ')[1]}">\n${field.subfields
            .map(([code, value]) => `      <subfield code="${code}">${escape(value)}</subfield>`)
            .join('\n')}\n    </datafield>`,
    )
    .join('\n');
  return `  <record>\n    <leader>00000nam a2200000   4500</leader>\n${body}\n  </record>`;
}

export function marcxmlFile(records: readonly (readonly TestMarcField[])[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n${records.map(marcxmlRecord).join('\n')}\n</collection>\n`;
}

/** A book with one Koha 952 holding per barcode. */
export function kohaBook(props: {
  title: string;
  author?: string;
  holdings: readonly { barcode: string; branch: string; type: string; callNumber?: string }[];
}): TestMarcField[] {
  return [
    { tag: '001', value: `rec-${props.title.slice(0, 20)}` },
    ...(props.author
      ? [{ tag: '100', ind: '1 ', subfields: [['a', `${props.author},`]] as const }]
      : []),
    { tag: '245', ind: '10', subfields: [['a', `${props.title} /`]] },
    ...props.holdings.map((h) => ({
      tag: '952',
      subfields: [
        ['a', h.branch],
        ['b', h.branch],
        ['o', h.callNumber ?? ''],
        ['p', h.barcode],
        ['y', h.type],
      ] as const,
    })),
  ];
}

// A MARC 21 bibliographic record with holdings → one item row per holdings field that has a
// barcode. Title from 245$a$b, author from 100/110/111$a, call number from the holdings field or
// else 090/050/082, material type and branch from the holdings field (or 942$c for the type).
import type { ImportRow } from './rowFields.ts';
import type { ItemFieldNames } from './itemRows.ts';

/** A field as read: a control field (tag below 010) has a value, a data field subfields. */
export type MarcField =
  | { tag: string; value: string }
  | { tag: string; indicators: string; subfields: readonly (readonly [string, string])[] };

/** Where a library's holdings fields keep each part of an item. */
export interface HoldingsProfile {
  barcodeTag: string;
  barcodeSubfield: string;
  /** Joined with a space, e.g. 852 $h $i. Empty: take 090/050/082. */
  callNumberSubfields: readonly string[];
  /** Null: take the record's 942$c (Koha's default item type). */
  materialTypeSubfield: string | null;
  branchSubfield: string | null;
}

export const DEFAULT_BARCODE_TAG = '952';
export const DEFAULT_BARCODE_SUBFIELD = 'p';

/** The usual layouts of 952 (Koha), 852 (MARC 21 holdings) and 949 (a common local field). */
const KNOWN_LAYOUTS: Record<string, Omit<HoldingsProfile, 'barcodeTag' | 'barcodeSubfield'>> = {
  '952': { callNumberSubfields: ['o'], materialTypeSubfield: 'y', branchSubfield: 'a' },
  '852': { callNumberSubfields: ['h', 'i'], materialTypeSubfield: null, branchSubfield: 'b' },
  '949': { callNumberSubfields: ['a'], materialTypeSubfield: 't', branchSubfield: 'l' },
};

export function holdingsProfile(
  barcodeTag: string = DEFAULT_BARCODE_TAG,
  barcodeSubfield: string = DEFAULT_BARCODE_SUBFIELD,
): HoldingsProfile {
  const layout = KNOWN_LAYOUTS[barcodeTag] ?? {
    callNumberSubfields: [],
    materialTypeSubfield: null,
    branchSubfield: null,
  };
  return { barcodeTag, barcodeSubfield, ...layout };
}

export interface MarcItemRow {
  row: ImportRow;
  /** Where each value came from, for refusals: e.g. 952$p, 245$a. */
  names: ItemFieldNames;
}

type DataField = Extract<MarcField, { subfields: unknown }>;

const isData = (field: MarcField): field is DataField => 'subfields' in field;

function subfieldValues(field: DataField, codes: readonly string[]): string[] {
  return field.subfields.filter(([code]) => codes.includes(code)).map(([, value]) => value);
}

/** ISBD punctuation that ends a MARC subfield (" /", " :", ",") is not part of the title or name. */
function withoutEndPunctuation(text: string): string {
  return text.replace(/[\s/:;,=]+$/, '').trim();
}

function firstData(fields: readonly MarcField[], tags: readonly string[]): DataField | undefined {
  for (const tag of tags) {
    const found = fields.find((f): f is DataField => isData(f) && f.tag === tag);
    if (found) return found;
  }
  return undefined;
}

export function itemRowsFromMarc(
  fields: readonly MarcField[],
  profile: HoldingsProfile,
): MarcItemRow[] {
  const titleField = firstData(fields, ['245']);
  const title = titleField
    ? withoutEndPunctuation(
        subfieldValues(titleField, ['a', 'b']).map(withoutEndPunctuation).join(' : '),
      )
    : '';
  const authorField = firstData(fields, ['100', '110', '111']);
  const author = authorField
    ? withoutEndPunctuation(subfieldValues(authorField, ['a']).join(' '))
    : '';
  const classification = firstData(fields, ['090', '050', '082']);
  const recordCallNumber = classification
    ? subfieldValues(classification, classification.tag === '082' ? ['a'] : ['a', 'b']).join(' ')
    : '';
  const koha942 = firstData(fields, ['942']);
  const recordType = koha942 ? (subfieldValues(koha942, ['c'])[0] ?? '') : '';

  const holdingsTag = profile.barcodeTag;
  const at = (code: string) => `${holdingsTag}$${code}`;
  const rows: MarcItemRow[] = [];
  for (const field of fields) {
    if (!isData(field) || field.tag !== holdingsTag) continue;
    const barcode = subfieldValues(field, [profile.barcodeSubfield])[0];
    if (barcode === undefined || barcode.trim() === '') continue;
    const ownCallNumber = subfieldValues(field, profile.callNumberSubfields).join(' ').trim();
    const ownType = profile.materialTypeSubfield
      ? (subfieldValues(field, [profile.materialTypeSubfield])[0] ?? '').trim()
      : '';
    const branch = profile.branchSubfield
      ? (subfieldValues(field, [profile.branchSubfield])[0] ?? '')
      : '';
    rows.push({
      row: {
        barcode,
        title,
        author,
        call_number: ownCallNumber !== '' ? ownCallNumber : recordCallNumber,
        material_type: ownType !== '' ? ownType : recordType,
        branch,
      },
      names: {
        barcode: at(profile.barcodeSubfield),
        title: '245$a',
        author: authorField ? `${authorField.tag}$a` : '100$a',
        call_number:
          ownCallNumber !== '' || !classification
            ? at(profile.callNumberSubfields.join('') || '?')
            : `${classification.tag}$a`,
        material_type_id:
          ownType === '' && profile.materialTypeSubfield !== null
            ? `${at(profile.materialTypeSubfield)} or 942$c`
            : profile.materialTypeSubfield
              ? at(profile.materialTypeSubfield)
              : '942$c',
        branch_id: profile.branchSubfield ? at(profile.branchSubfield) : `${holdingsTag} branch`,
        status: 'status',
      },
    });
  }
  return rows;
}

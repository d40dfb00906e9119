// What the patron and item mappings share: a row as the readers give it, a refusal per field, the
// library's codes, and checking one value with the shared field schemas.
import type { z } from 'zod';
import { checkBarcode, type BarcodeKind, type BarcodeRules } from '../barcodes/barcodes.ts';

/** A CSV row keyed by column (undefined: the file has no such column), or a MARC holding. */
export type ImportRow = Readonly<Record<string, string | undefined>>;

export interface FieldRefusal {
  field: string;
  reason: string;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; refusals: FieldRefusal[] };

/** A code the library uses (branch, patron type, material type) and what an import needs of it. */
export interface CodeTable<T extends { id: number }> {
  /** What staff call it in a message, e.g. 'patron type'. */
  label: string;
  byCode: ReadonlyMap<string, T>;
}

/** Collects each field's refusal while a row is mapped. */
export class RowChecker {
  readonly refusals: FieldRefusal[] = [];

  refuse(field: string, reason: string): void {
    this.refusals.push({ field, reason });
  }

  /** The value the schema makes of `raw`, or undefined after recording its first message. */
  parse<S extends z.ZodType>(field: string, schema: S, raw: string): z.output<S> | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.refuse(field, parsed.error.issues[0]?.message ?? 'This value is not valid.');
    return undefined;
  }

  barcode(field: string, kind: BarcodeKind, raw: string | undefined, rules: BarcodeRules) {
    const checked = checkBarcode(kind, raw ?? '', rules);
    if (checked.ok) return checked.barcode;
    this.refuse(
      field,
      checked.problem === 'EMPTY' ? 'The barcode is empty: every row needs one.' : checked.message,
    );
    return undefined;
  }

  code<T extends { id: number }>(field: string, table: CodeTable<T>, raw: string | undefined) {
    const code = (raw ?? '').trim();
    if (code === '') {
      this.refuse(field, `The ${table.label} is empty: give the code of one the library has.`);
      return undefined;
    }
    const found = table.byCode.get(code);
    if (found) return found;
    const known = [...table.byCode.keys()].slice(0, 10);
    this.refuse(
      field,
      `No ${table.label} has the code "${code.slice(0, 40)}". ${
        known.length === 0
          ? `The library has no ${table.label}s yet: add them first.`
          : `Known codes: ${known.join(', ')}${table.byCode.size > known.length ? ', …' : ''}.`
      } Add it in the administration, or correct the file.`,
    );
    return undefined;
  }
}

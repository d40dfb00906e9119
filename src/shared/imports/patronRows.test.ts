import { describe, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../barcodes/barcodes.ts';
import { BlockPatron } from '../api/patrons.ts';
import { checkHeader, pickDelimiter } from './csvColumns.ts';
import { mapPatronRow, resolvePatron, samePatron, type PatronRecord } from './patronRows.ts';

const ctx = {
  rules: DEMO_BARCODE_RULES,
  patronTypes: { label: 'patron type', byCode: new Map([['ADULT', { id: 1, cardMonths: 12 }]]) },
  branches: { label: 'branch', byCode: new Map([['MAIN', { id: 7 }]]) },
  today: '2026-01-31',
};
const barcode = withCheckDigit('2000000000001');
const row = { barcode, name: ' Ada Lovelace ', patron_type: 'ADULT', home_branch: 'MAIN' };

describe('mapPatronRow', () => {
  it('maps a row with only the required columns, trimming what staff would trim', () => {
    const mapped = mapPatronRow(row, ctx);
    expect(mapped).toEqual({
      ok: true,
      value: {
        barcode,
        name: 'Ada Lovelace',
        patron_type_id: 1,
        home_branch_id: 7,
        cardMonths: 12,
        expires_on: undefined,
        block_reason: undefined,
        email: undefined,
        phone: undefined,
        address: undefined,
      },
    });
  });

  it('refuses each bad field with its column and a plain reason', () => {
    const mapped = mapPatronRow(
      {
        barcode: '2000',
        name: '',
        patron_type: 'KID',
        home_branch: '',
        email: 'not-an-email',
        expires_on: '2026-02-30',
      },
      ctx,
    );
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.refusals.map((r) => r.field)).toEqual([
      'barcode',
      'name',
      'patron_type',
      'home_branch',
      'expires_on',
      'email',
    ]);
    expect(mapped.refusals[2]!.reason).toContain('"KID"');
    expect(mapped.refusals[2]!.reason).toContain('Known codes: ADULT');
  });

  it('keeps stored fields the file does not have, and clears those it leaves empty', () => {
    const stored: PatronRecord = {
      barcode,
      name: 'Ada Lovelace',
      patron_type_id: 1,
      home_branch_id: 7,
      expires_on: '2028-05-01',
      block_reason: 'Lost books',
      email: 'ada@example.org',
      phone: null,
      address: null,
    };
    const noContactColumns = mapPatronRow(row, ctx);
    if (!noContactColumns.ok) throw new Error('expected a patron');
    const kept = resolvePatron(noContactColumns.value, stored, ctx.today);
    expect(samePatron(kept, stored)).toBe(true);

    const cleared = mapPatronRow({ ...row, email: '', blocked_reason: '' }, ctx);
    if (!cleared.ok) throw new Error('expected a patron');
    const changed = resolvePatron(cleared.value, stored, ctx.today);
    expect(changed).toMatchObject({ email: null, block_reason: null, expires_on: '2028-05-01' });
    expect(samePatron(changed, stored)).toBe(false);
  });

  it('gives a new patron without expires_on the patron type’s card period', () => {
    const mapped = mapPatronRow(row, ctx);
    if (!mapped.ok) throw new Error('expected a patron');
    expect(resolvePatron(mapped.value, null, ctx.today).expires_on).toBe('2027-01-31');
    // The desk's rule, month-end clamped: 31 January + 1 month is the last day of February.
    const oneMonth = mapPatronRow(row, {
      ...ctx,
      patronTypes: { label: 'patron type', byCode: new Map([['ADULT', { id: 1, cardMonths: 1 }]]) },
    });
    if (!oneMonth.ok) throw new Error('expected a patron');
    expect(resolvePatron(oneMonth.value, null, ctx.today).expires_on).toBe('2026-02-28');
  });

  it('refuses a block reason the desk’s Block form would refuse, with the same message', () => {
    const long = 'x'.repeat(201);
    const desk = BlockPatron.safeParse({ reason: long });
    expect(desk.success).toBe(false);
    const mapped = mapPatronRow({ ...row, blocked_reason: long }, ctx);
    expect(mapped).toEqual({
      ok: false,
      refusals: [{ field: 'blocked_reason', reason: desk.error!.issues[0]!.message }],
    });
    const fits = mapPatronRow({ ...row, blocked_reason: 'x'.repeat(200) }, ctx);
    expect(fits.ok && fits.value.block_reason).toBe('x'.repeat(200));
  });
});

describe('CSV header', () => {
  it('picks the delimiter the header uses, ignoring quoted ones', () => {
    expect(pickDelimiter('barcode,name,patron_type')).toBe(',');
    expect(pickDelimiter('barcode;name;patron_type')).toBe(';');
    expect(pickDelimiter('"a;b;c",name')).toBe(',');
  });

  it('names unknown, repeated and missing columns', () => {
    const problems = checkHeader('patrons', ['Barcode', 'name', 'name', 'colour']);
    expect(problems.map((p) => p.field)).toEqual(['name', 'colour', 'patron_type', 'home_branch']);
    expect(problems.every((p) => p.line === 1)).toBe(true);
    expect(checkHeader('items', ['barcode', 'title', 'material_type', 'branch'])).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../barcodes/barcodes.ts';
import { defaultCardExpiry } from './cardExpiry.ts';
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
  });
});

describe('defaultCardExpiry', () => {
  it('ends on the last day of a shorter month', () => {
    expect(defaultCardExpiry('2026-01-31', 1)).toBe('2026-02-28');
    expect(defaultCardExpiry('2027-01-31', 13)).toBe('2028-02-29');
    expect(defaultCardExpiry('2026-07-15', 36)).toBe('2029-07-15');
  });

  it('always lands in the month cardMonths ahead, never before today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1971, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 1200 }),
        (year, month, day, months) => {
          const today = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const expiry = defaultCardExpiry(today, months);
          expect(expiry >= today).toBe(true);
          const [y, m, d] = expiry.split('-').map(Number);
          expect((y! - year) * 12 + (m! - month)).toBe(months);
          expect(d).toBe(day);
        },
      ),
    );
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

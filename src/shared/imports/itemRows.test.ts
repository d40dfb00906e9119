import { describe, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../barcodes/barcodes.ts';
import { mapItemRow, resolveItem, sameItem, type ItemRecord } from './itemRows.ts';
import { holdingsProfile, itemRowsFromMarc, type MarcField } from './marcItems.ts';

const ctx = {
  rules: DEMO_BARCODE_RULES,
  materialTypes: { label: 'material type', byCode: new Map([['BOOK', { id: 3 }]]) },
  branches: { label: 'branch', byCode: new Map([['MAIN', { id: 7 }]]) },
};
const barcode = withCheckDigit('3000000000001');

describe('mapItemRow', () => {
  it('maps a CSV row and refuses a status only a loan can give', () => {
    const mapped = mapItemRow(
      { barcode, title: 'Dune', material_type: 'BOOK', branch: 'MAIN', status: 'Lost' },
      ctx,
    );
    expect(mapped).toMatchObject({ ok: true, value: { status: 'lost', author: undefined } });
    const onLoan = mapItemRow(
      { barcode, title: 'Dune', material_type: 'BOOK', branch: 'MAIN', status: 'on_loan' },
      ctx,
    );
    expect(onLoan).toMatchObject({ ok: false, refusals: [{ field: 'status' }] });
  });

  it('keeps an item on loan on loan, whatever the file says', () => {
    const stored: ItemRecord = {
      barcode,
      title: 'Dune',
      author: 'Herbert',
      call_number: 'SF',
      material_type_id: 3,
      branch_id: 7,
      status: 'on_loan',
    };
    const mapped = mapItemRow(
      { barcode, title: 'Dune', material_type: 'BOOK', branch: 'MAIN', status: 'available' },
      ctx,
    );
    if (!mapped.ok) throw new Error('expected an item');
    const resolved = resolveItem(mapped.value, stored);
    expect(resolved.status).toBe('on_loan');
    expect(sameItem(resolved, stored)).toBe(true);
  });
});

describe('itemRowsFromMarc', () => {
  const record: MarcField[] = [
    { tag: '001', value: '123' },
    {
      tag: '050',
      indicators: ' 0',
      subfields: [
        ['a', 'PS3558.E63'],
        ['b', 'D8'],
      ],
    },
    {
      tag: '100',
      indicators: '1 ',
      subfields: [
        ['a', 'Herbert, Frank,'],
        ['d', '1920-1986'],
      ],
    },
    {
      tag: '245',
      indicators: '10',
      subfields: [
        ['a', 'Dune /'],
        ['c', 'Frank Herbert.'],
      ],
    },
    { tag: '942', indicators: '  ', subfields: [['c', 'BOOK']] },
    {
      tag: '952',
      indicators: '  ',
      subfields: [
        ['a', 'MAIN'],
        ['p', barcode],
        ['o', 'SF HER'],
      ],
    },
    {
      tag: '952',
      indicators: '  ',
      subfields: [
        ['a', 'MAIN'],
        ['y', 'DVD'],
      ],
    },
    {
      tag: '952',
      indicators: '  ',
      subfields: [
        ['a', 'BR2'],
        ['p', '3999'],
        ['y', 'DVD'],
      ],
    },
  ];

  it('makes one row per holding with a barcode, from 245, 100 and the holding', () => {
    const rows = itemRowsFromMarc(record, holdingsProfile());
    expect(rows.map((r) => r.row)).toEqual([
      {
        barcode,
        title: 'Dune',
        author: 'Herbert, Frank',
        call_number: 'SF HER',
        material_type: 'BOOK',
        branch: 'MAIN',
      },
      {
        barcode: '3999',
        title: 'Dune',
        author: 'Herbert, Frank',
        call_number: 'PS3558.E63 D8',
        material_type: 'DVD',
        branch: 'BR2',
      },
    ]);
    expect(rows[0]!.names).toMatchObject({ barcode: '952$p', branch_id: '952$a' });
    // A refusal names the MARC field the value came from.
    const mapped = mapItemRow(rows[1]!.row, ctx, rows[1]!.names);
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.refusals.map((r) => r.field)).toEqual(['952$p', '952$y', '952$a']);
  });

  it('reads 852 holdings with the call number from $h $i and the type from 942$c', () => {
    const rows = itemRowsFromMarc(
      [
        {
          tag: '245',
          indicators: '00',
          subfields: [
            ['a', 'Atlas :'],
            ['b', 'of the world'],
          ],
        },
        { tag: '942', indicators: '  ', subfields: [['c', 'BOOK']] },
        {
          tag: '852',
          indicators: '  ',
          subfields: [
            ['b', 'MAIN'],
            ['h', 'G1021'],
            ['i', '.T5'],
            ['p', barcode],
          ],
        },
      ],
      holdingsProfile('852', 'p'),
    );
    expect(rows[0]!.row).toEqual({
      barcode,
      title: 'Atlas : of the world',
      author: '',
      call_number: 'G1021 .T5',
      material_type: 'BOOK',
      branch: 'MAIN',
    });
  });
});

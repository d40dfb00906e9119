// Importing patrons and items through the API on both engines: the preview, confirming, importing
// the same file again, a changed row, refusals that change nothing, duplicates, unknown codes, the
// audit entry, who may import, and an upload over the size limit.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { iso2709File, kohaBook, marcxmlFile } from '../../../shared/imports/marcFiles.testing.ts';
import { recoverInterruptedImports } from '../../imports/importRecovery.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import type { SignedInAgent } from '../../testing/apiHarness.ts';
import {
  confirmed,
  filesIn,
  itemBarcode,
  patronBarcode,
  previewed,
  settledImport,
  startImportTestApi,
  uploadImport,
  type ImportTestApi,
} from './importHarness.testing.ts';

const PATRONS = [
  'barcode,name,patron_type,home_branch,expires_on,email',
  `${patronBarcode(1)},Ada Lovelace,ADULT,MAIN,2030-01-31,ada@example.org`,
  `${patronBarcode(2)},"Babbage, Charles",ADULT,MAIN,,`,
].join('\n');

describeEachEngine('imports', (engine) => {
  let api: ImportTestApi;
  let admin: SignedInAgent;

  beforeEach(async () => {
    api = await startImportTestApi(engine);
    admin = await api.signIn('admin', 'admin');
  });
  afterEach(async () => {
    await api.dispose();
  });

  const patronCount = async () =>
    Number(
      (
        await api.db
          .selectFrom('patrons')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('previews a patron CSV, changes nothing until confirmed, then stores it with an audit entry', async () => {
    const preview = await previewed(admin, 'patrons-csv', PATRONS, '&fileName=patrons.csv');
    expect(preview.import).toMatchObject({
      status: 'previewed',
      fileName: 'patrons.csv',
      position: 'line',
      counts: { read: 2, create: 2, update: 0, unchanged: 0, refused: 0 },
    });
    expect(preview.import.bytesRead).toBe(Buffer.byteLength(PATRONS));
    expect(await patronCount()).toBe(0);

    const done = await confirmed(admin, preview.import.id);
    expect(done.import.status).toBe('applied');
    expect(done.import.rowsApplied).toBe(2);
    const babbage = await api.db
      .selectFrom('patrons')
      .selectAll()
      .where('barcode', '=', patronBarcode(2))
      .executeTakeFirstOrThrow();
    expect(babbage).toMatchObject({ name: 'Babbage, Charles', email: null, block_reason: null });
    // No expiry in the file: the patron type's 24 months from today.
    expect(babbage.expires_on > '2027-01-01').toBe(true);
    const audit = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'import.apply')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'admin',
      subject_type: 'import',
      subject_id: String(preview.import.id),
    });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    // The uploaded file is removed once the import is done.
    await expect.poll(() => filesIn(api.importDir)).toEqual([]);
  });

  it('imports the same file again as all unchanged, and a changed row as one update', async () => {
    await confirmed(admin, (await previewed(admin, 'patrons-csv', PATRONS)).import.id);
    const again = await previewed(admin, 'patrons-csv', PATRONS);
    expect(again.import.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, refused: 0 });
    await confirmed(admin, again.import.id);

    const changed = await previewed(
      admin,
      'patrons-csv',
      PATRONS.replace('Ada Lovelace', 'Ada King'),
    );
    expect(changed.import.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    await confirmed(admin, changed.import.id);
    const ada = await api.db
      .selectFrom('patrons')
      .select(['name', 'expires_on', 'email'])
      .where('barcode', '=', patronBarcode(1))
      .executeTakeFirstOrThrow();
    expect(ada).toEqual({ name: 'Ada King', expires_on: '2030-01-31', email: 'ada@example.org' });
    expect(await patronCount()).toBe(2);
  });

  it('refuses bad rows by line and field, and a preview with refusals cannot be confirmed', async () => {
    const file = [
      'barcode;name;patron_type;home_branch',
      `${patronBarcode(1)};Good Row;ADULT;MAIN`,
      `21234;Short Barcode;ADULT;MAIN`,
      `${patronBarcode(3)};Unknown Type;CHILD;MAIN`,
      `${patronBarcode(1)};Duplicate;ADULT;MAIN`,
    ].join('\r\n');
    const preview = await previewed(admin, 'patrons-csv', file);
    expect(preview.import.counts).toMatchObject({ read: 4, create: 1, refused: 3 });
    expect(preview.refusalCount).toBe(3);
    expect(preview.refusals.map((r) => [r.line, r.field])).toEqual([
      [3, 'barcode'],
      [4, 'patron_type'],
      [5, 'barcode'],
    ]);
    expect(preview.refusals[1]!.reason).toContain('"CHILD"');
    expect(preview.refusals[2]!.reason).toContain('line 2');

    const refused = await admin.post(`/api/imports/${preview.import.id}/confirm`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('refused 3 row(s)');
    expect(await patronCount()).toBe(0);
  });

  it('fails a file that is not UTF-8 with the line, and stores nothing', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`barcode,name,patron_type,home_branch\n${patronBarcode(1)},Ada,ADULT,MAIN\n`),
      Buffer.from(`${patronBarcode(2)},Jos`),
      Buffer.from([0xe9]),
      Buffer.from(',ADULT,MAIN\n'),
    ]);
    const preview = await previewed(admin, 'patrons-csv', latin1);
    expect(preview.import.status).toBe('failed');
    expect(preview.import.message).toContain('not UTF-8');
    expect(preview.refusals.at(-1)).toMatchObject({ line: 3, field: 'file' });
    expect((await admin.post(`/api/imports/${preview.import.id}/confirm`)).statusCode).toBe(400);
    expect(await patronCount()).toBe(0);
  });

  it('imports items from MARC 21 and MARCXML with holdings in 952, and items CSV', async () => {
    const books = [
      kohaBook({
        title: 'The hobbit',
        author: 'Tolkien, J. R. R.',
        holdings: [
          { barcode: itemBarcode(1), branch: 'MAIN', type: 'BOOK', callNumber: 'FIC TOL' },
          { barcode: itemBarcode(2), branch: 'MAIN', type: 'BOOK', callNumber: 'FIC TOL c.2' },
        ],
      }),
      kohaBook({
        title: 'Émile',
        author: 'Rousseau, Jean-Jacques',
        holdings: [{ barcode: itemBarcode(3), branch: 'MAIN', type: 'BOOK' }],
      }),
    ];
    const marc = await previewed(admin, 'items-marc', iso2709File(books));
    expect(marc.import).toMatchObject({ status: 'previewed', position: 'record' });
    expect(marc.import.counts).toMatchObject({ read: 3, create: 3, refused: 0 });
    await confirmed(admin, marc.import.id);
    const hobbit = await api.db
      .selectFrom('items')
      .selectAll()
      .where('barcode', '=', itemBarcode(2))
      .executeTakeFirstOrThrow();
    expect(hobbit).toMatchObject({
      title: 'The hobbit',
      author: 'Tolkien, J. R. R.',
      call_number: 'FIC TOL c.2',
      status: 'available',
      material_type_id: api.materialTypeId,
    });

    // The same records as MARCXML change nothing.
    const xml = await previewed(admin, 'items-marcxml', marcxmlFile(books));
    expect(xml.import.counts).toMatchObject({ read: 3, create: 0, update: 0, unchanged: 3 });

    const csv = await previewed(
      admin,
      'items-csv',
      `barcode,title,author,call_number,material_type,branch,status\n${itemBarcode(3)},Émile,"Rousseau, Jean-Jacques",,BOOK,MAIN,missing\n`,
    );
    expect(csv.import.counts).toMatchObject({ update: 1 });
    await confirmed(admin, csv.import.id);
    const emile = await api.db
      .selectFrom('items')
      .select('status')
      .where('barcode', '=', itemBarcode(3))
      .executeTakeFirstOrThrow();
    expect(emile.status).toBe('missing');
  });

  it('reads barcodes from another tag and subfield, and names damaged records by number', async () => {
    const good = [
      { tag: '245', ind: '00', subfields: [['a', 'Holdings in 852']] as const },
      {
        tag: '852',
        subfields: [
          ['b', 'MAIN'],
          ['h', 'QA76'],
          ['i', '.K5'],
          ['p', itemBarcode(7)],
        ] as const,
      },
      { tag: '942', subfields: [['c', 'BOOK']] as const },
    ];
    const file = iso2709File([
      good,
      good.map((f) =>
        f.tag === '852'
          ? {
              ...f,
              subfields: [
                ['b', 'MAIN'],
                ['p', itemBarcode(8)],
              ] as const,
            }
          : f,
      ),
    ]);
    // Damage the second record's leader length: that record is refused, the first is fine.
    const damaged = Uint8Array.from(file);
    const secondStart = Number(new TextDecoder().decode(file.subarray(0, 5)));
    damaged[secondStart + 4] = '9'.charCodeAt(0);
    const preview = await previewed(
      admin,
      'items-marc',
      damaged,
      '&barcodeTag=852&barcodeSubfield=p',
    );
    expect(preview.import.counts).toMatchObject({ create: 1, refused: 1 });
    expect(preview.refusals[0]).toMatchObject({ line: 2, field: 'record' });
    expect(preview.refusals[0]!.reason).toContain('leader says');

    const clean = await previewed(admin, 'items-marc', file, '&barcodeTag=852&barcodeSubfield=p');
    expect(clean.import.counts).toMatchObject({ create: 2, refused: 0 });
    await confirmed(admin, clean.import.id);
    const item = await api.db
      .selectFrom('items')
      .select(['call_number'])
      .where('barcode', '=', itemBarcode(7))
      .executeTakeFirstOrThrow();
    expect(item.call_number).toBe('QA76 .K5');
  });

  it('marks an import interrupted by a stopped server as confirmable again, with nothing stored', async () => {
    const preview = await previewed(admin, 'patrons-csv', PATRONS);
    // As a server killed mid-apply leaves it: claimed, its transaction never committed.
    await api.db
      .updateTable('imports')
      .set({ status: 'applying' })
      .where('id', '=', preview.import.id)
      .execute();
    // What the server's start (main.ts) does before it serves.
    await recoverInterruptedImports(api.db, Date.now());
    const after = await settledImport(admin, preview.import.id);
    expect(after.import.status).toBe('previewed');
    expect(after.import.message).toContain('nothing of it was stored');
    await confirmed(admin, preview.import.id);
    expect(await patronCount()).toBe(2);
  });

  it('cancels an import, and refuses to confirm it afterwards', async () => {
    const preview = await previewed(admin, 'patrons-csv', PATRONS);
    const cancelled = await admin.post(`/api/imports/${preview.import.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await admin.post(`/api/imports/${preview.import.id}/confirm`)).statusCode).toBe(400);
    expect(await patronCount()).toBe(0);
    expect(filesIn(api.importDir)).toEqual([]);
  });

  it('lets only administrators import', async () => {
    const supervisor = await api.signIn('super', 'supervisor');
    const response = await uploadImport(supervisor, 'patrons-csv', PATRONS);
    expect(response.statusCode).toBe(403);
    expect((await api.anonymous().get('/api/imports/1')).statusCode).toBe(401);
    expect(filesIn(api.importDir)).toEqual([]);
  });

  it('answers a bad kind or id with 400 and an unknown import with 404', async () => {
    expect((await uploadImport(admin, 'books' as never, PATRONS)).statusCode).toBe(400);
    expect((await admin.get('/api/imports/abc')).statusCode).toBe(400);
    expect((await admin.get('/api/imports/999')).statusCode).toBe(404);
  });
});

describeEachEngine('import upload limit', (engine) => {
  it('refuses an upload over the limit with 413, storing no file and no import', async () => {
    const api = await startImportTestApi(engine, { importMaxBytes: 4096 });
    try {
      const admin = await api.signIn('admin', 'admin');
      const big = Buffer.alloc(10_000, 'a');
      const response = await uploadImport(admin, 'patrons-csv', big);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.message).toContain('larger than');
      expect(filesIn(api.importDir)).toEqual([]);
      const imports = await api.db.selectFrom('imports').selectAll().execute();
      expect(imports).toEqual([]);
    } finally {
      await api.dispose();
    }
  });
});

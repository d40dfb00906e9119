// `circa import` run as a library's systems librarian runs it: the compiled command line under plain
// node, against a database on each engine, with files on disk.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import { iso2709File, kohaBook } from '../../shared/imports/marcFiles.testing.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { buildBranch, buildMaterialType, buildPatronType } from '../testing/factories.ts';

const run = promisify(execFile);
const CIRCA = resolve(import.meta.dirname, '..', '..', '..', 'bin', 'circa.js');
const patron = (n: number) => withCheckDigit(`2${String(n).padStart(12, '0')}`);
const item = (n: number) => withCheckDigit(`3${String(n).padStart(12, '0')}`);

describeEachEngine('circa import', (engine) => {
  let database: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    database = await openTestDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'circa-cli-import-'));
    const { db } = database;
    await db
      .updateTable('library_settings')
      .set({ barcode_rules: JSON.stringify(DEMO_BARCODE_RULES) })
      .execute();
    await buildBranch(db, { code: 'MAIN' });
    await buildPatronType(db, { code: 'ADULT' });
    await buildMaterialType(db, { code: 'BOOK' });
    env = { ...process.env, DATABASE_URL: database.url };
  });
  afterEach(async () => {
    await database.dispose();
  });

  const circa = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('node', [CIRCA, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('previews and imports patrons with --yes, and the same file again changes nothing', async () => {
    const file = join(dir, 'patrons.csv');
    writeFileSync(
      file,
      `\uFEFFbarcode;name;patron_type;home_branch\n${patron(1)};Ada Lovelace;ADULT;MAIN\n${patron(2)};Alan Turing;ADULT;MAIN\n`,
    );
    const first = await circa('import', 'patrons', file, '--yes');
    expect(first.stdout).toContain('2 to create, 0 to update, 0 unchanged, 0 refused');
    expect(first.stdout).toContain('Imported: 2 created');
    expect(first.code).toBe(0);
    const again = await circa('import', 'patrons', file, '--yes');
    expect(again.stdout).toContain('0 to create, 0 to update, 2 unchanged');
    const rows = await database.db.selectFrom('patrons').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
    // The file is read where it lies, never removed.
    expect(readFileSync(file, 'utf8')).toContain('Ada Lovelace');
  });

  it('refuses without --yes when the input is not a terminal, and lists refusals with exit code 1', async () => {
    const file = join(dir, 'patrons.csv');
    writeFileSync(file, `barcode,name,patron_type,home_branch\n${patron(1)},Ada,ADULT,MAIN\n`);
    const unconfirmed = await circa('import', 'patrons', file);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');

    writeFileSync(file, `barcode,name,patron_type,home_branch\n${patron(1)},Ada,CHILD,MAIN\n`);
    const refusals = join(dir, 'refusals.csv');
    const refused = await circa('import', 'patrons', file, '--yes', '--refusals-file', refusals);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 2, patron_type: No patron type has the code "CHILD"');
    expect(refused.stderr).toContain('Nothing was imported');
    expect(readFileSync(refusals, 'utf8')).toMatch(/^line,field,reason\n2,"patron_type",/);
    const count = await database.db.selectFrom('patrons').select('id').execute();
    expect(count).toEqual([]);
  });

  it('imports items from a MARC file with the barcode tag given', async () => {
    const file = join(dir, 'items.mrc');
    writeFileSync(
      file,
      iso2709File([
        kohaBook({
          title: 'Dune',
          author: 'Herbert, Frank',
          holdings: [{ barcode: item(1), branch: 'MAIN', type: 'BOOK', callNumber: 'SF HER' }],
        }),
      ]),
    );
    const result = await circa('import', 'items', file, '--yes', '--barcode-tag', '952');
    expect(result.stdout).toContain('1 to create');
    expect(result.code).toBe(0);
    const bad = await circa('import', 'items', file, '--yes', '--barcode-tag', '95');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--barcode-tag: A MARC tag is three digits');
  });
});

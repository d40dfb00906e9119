// Killing the process that is storing an import, mid-way: the import is one transaction, so the
// library's records are exactly as they were, the import is found interrupted after a restart and
// may be confirmed again, and running it again stores every row once.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { DEMO_BARCODE_RULES, withCheckDigit } from '../../shared/barcodes/barcodes.ts';
import { describeEachEngine, openTestDatabase } from '../testing/engines.ts';
import { buildBranch, buildPatronType } from '../testing/factories.ts';
import { recoverInterruptedImports } from './importRecovery.ts';
import { waitUntilNoImportLocks } from './importWorkers.testing.ts';

const CIRCA = resolve(import.meta.dirname, '..', '..', '..', 'bin', 'circa.js');
const ROWS = 20_000;

describeEachEngine('an import killed mid-way', (engine) => {
  it('leaves the database as it was, and imports whole when run again', async () => {
    const database = await openTestDatabase(engine);
    const { db } = database;
    try {
      await db
        .updateTable('library_settings')
        .set({ barcode_rules: JSON.stringify(DEMO_BARCODE_RULES) })
        .execute();
      await buildBranch(db, { code: 'MAIN' });
      await buildPatronType(db, { code: 'ADULT' });
      const dir = mkdtempSync(join(tmpdir(), 'circa-kill-import-'));
      const file = join(dir, 'patrons.csv');
      const lines = ['barcode,name,patron_type,home_branch'];
      for (let n = 1; n <= ROWS; n += 1) {
        lines.push(`${withCheckDigit(`2${String(n).padStart(12, '0')}`)},Patron ${n},ADULT,MAIN`);
      }
      writeFileSync(file, `${lines.join('\n')}\n`);
      const env = { ...process.env, DATABASE_URL: database.url };

      // Killed once it reports rows stored, before it can commit.
      const child = spawn('node', [CIRCA, 'import', 'patrons', file, '--yes'], { env });
      const killedAt = await new Promise<string>((done, fail) => {
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const stored = /stored (\d+) of (\d+)/.exec(stderr);
          if (stored && Number(stored[1]) < Number(stored[2])) {
            child.kill('SIGKILL');
            done(stored[0]);
          }
        });
        child.on('exit', () => fail(new Error(`The import ended before it was killed: ${stderr}`)));
      });
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.on('exit', done)));
      expect(killedAt).toMatch(/^stored \d+ of 20000$/);

      const patrons = await db.selectFrom('patrons').select('id').execute();
      expect(patrons).toHaveLength(0);
      const [killed] = await db.selectFrom('imports').selectAll().execute();
      expect(killed).toMatchObject({ status: 'applying', create_count: ROWS });
      const audit = await db.selectFrom('audit_log').select('id').execute();
      expect(audit).toHaveLength(0);

      // PostgreSQL ends the killed process's session, and with it the import's lock, as soon as it
      // notices the connection closed; until then the import still counts as being worked on.
      if (engine === 'postgres') await waitUntilNoImportLocks(db);
      // What a server does when it starts again.
      expect(await recoverInterruptedImports(db, Date.now())).toEqual({
        applying: [killed!.id],
        previewing: [],
      });
      const recovered = await db
        .selectFrom('imports')
        .select(['status', 'message'])
        .executeTakeFirstOrThrow();
      expect(recovered.status).toBe('previewed');
      expect(recovered.message).toContain('nothing of it was stored');

      const again = spawn('node', [CIRCA, 'import', 'patrons', file, '--yes'], { env });
      const code = await new Promise((done) => again.on('exit', done));
      expect(code).toBe(0);
      const count = await db
        .selectFrom('patrons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(ROWS);
    } finally {
      await database.dispose();
    }
  }, 120_000);
});

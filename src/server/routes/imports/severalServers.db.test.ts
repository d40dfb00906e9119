// Imports through the API while another app server shares the PostgreSQL database: that server's
// recovery (at its start, or on its sweep) leaves alone an import this one is reading or storing.
// The worker is held mid-way by a lock on the patrons table, so the other's recovery surely runs
// while the work is under way, and the work then finishes as if nothing had happened.
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { recoverInterruptedImports } from '../../imports/importRecovery.ts';
import type { SignedInAgent } from '../../testing/apiHarness.ts';
import { TEST_ENGINES } from '../../testing/engines.ts';
import {
  patronBarcode,
  previewed,
  settledImport,
  startImportTestApi,
  uploadImport,
  type ImportTestApi,
} from './importHarness.testing.ts';

const PATRONS = [
  'barcode,name,patron_type,home_branch',
  `${patronBarcode(1)},Ada Lovelace,ADULT,MAIN`,
  `${patronBarcode(2)},Charles Babbage,ADULT,MAIN`,
].join('\n');

const patronCount = async (db: Kysely<Database>) =>
  Number(
    (
      await db
        .selectFrom('patrons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.skipIf(!TEST_ENGINES.includes('postgres'))(
  'imports while another app server shares the database [postgres only: SQLite runs one server]',
  () => {
    let api: ImportTestApi;
    let admin: SignedInAgent;
    /** The other app server's own pool. */
    let otherServer: DatabaseHandle;
    /** A session that holds the patrons table, so this server's import worker waits mid-way. */
    let blocker: pg.Client;

    beforeEach(async () => {
      api = await startImportTestApi('postgres');
      admin = await api.signIn('admin', 'admin');
      otherServer = connectDatabase(api.database.url);
      blocker = new pg.Client({ connectionString: api.database.url });
      await blocker.connect();
    });
    afterEach(async () => {
      await blocker.end();
      await otherServer.close();
      await api.dispose();
    });

    const holdPatrons = async () => {
      await blocker.query('begin');
      await blocker.query('lock table patrons in access exclusive mode');
      return async () => {
        await blocker.query('rollback');
      };
    };

    it('leaves alone a file this server is reading', async () => {
      const release = await holdPatrons();
      const upload = await uploadImport(admin, 'patrons-csv', PATRONS);
      expect(upload.statusCode).toBe(202);
      const id = upload.json<{ id: number }>().id;

      expect(await recoverInterruptedImports(otherServer.db, Date.now())).toEqual({
        applying: [],
        previewing: [],
      });
      await release();
      const preview = await settledImport(admin, id);
      expect(preview.import).toMatchObject({
        status: 'previewed',
        message: null,
        counts: { read: 2, create: 2, refused: 0 },
      });
    });

    it('leaves alone an import this server is storing', async () => {
      const preview = await previewed(admin, 'patrons-csv', PATRONS);
      const release = await holdPatrons();
      const confirm = await admin.post(`/api/imports/${preview.import.id}/confirm`);
      expect(confirm.statusCode).toBe(202);

      expect(await recoverInterruptedImports(otherServer.db, Date.now())).toEqual({
        applying: [],
        previewing: [],
      });
      await release();
      const stored = await settledImport(admin, preview.import.id);
      expect(stored.import).toMatchObject({ status: 'applied', message: null, rowsApplied: 2 });
      expect(await patronCount(api.db)).toBe(2);
    });
  },
);

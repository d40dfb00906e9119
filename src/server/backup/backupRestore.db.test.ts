// A backup taken while the desk is busy restores to a sound library: `circa backup` runs in its own
// process during a burst of online check-outs and offline uploads, `circa restore` puts it into a
// new empty database, and every loan and offline transaction acknowledged before the backup began
// is there, with the database's own checks passing. On each engine.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CheckOutResult } from '../../shared/api/circulation.ts';
import type { OfflineUploadResult } from '../../shared/api/offline.ts';
import {
  MONDAY_NOON_CHICAGO_MS,
  startCirculationApi,
  type CirculationFixture,
} from '../commands/circulationFixture.testing.ts';
import { connectDatabase, type Engine } from '../db/connect.ts';
import { MIGRATIONS } from '../db/migrate.ts';
import { offlineWorkstation } from '../offline/fixtures.testing.ts';
import type { SignedInAgent, TestApi } from '../testing/apiHarness.ts';
import { runCommandLine } from '../testing/circaCommandLine.testing.ts';
import { createPostgresTestDatabase, describeEachEngine } from '../testing/engines.ts';

/** Check-outs sent at once by the desks, as several staff lend at the same moment. */
const CHECK_OUTS_IN_FLIGHT = 4;
const DESKS = 4;
/** Offline transactions per upload. */
const UPLOAD_SIZE = 10;

describeEachEngine('a backup made while the desk is busy', (engine) => {
  let api: TestApi;
  let library: CirculationFixture;
  let desks: SignedInAgent[];
  const dir = mkdtempSync(join(tmpdir(), 'circa-backup-restore-'));
  const cleanUps: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    ({ api, library } = await startCirculationApi(engine));
    desks = [];
    for (let i = 0; i < DESKS; i++) desks.push(await api.signIn(`desk-${i}`));
  });
  afterAll(async () => {
    for (const cleanUp of cleanUps.splice(0)) await cleanUp();
    await api.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A new, empty database for a restore, and the DATABASE_URL that reaches it. */
  async function emptyTarget(): Promise<{ url: string; exists(): Promise<boolean> }> {
    if (engine === 'sqlite') {
      const path = join(dir, `restored-${randomBytes(4).toString('hex')}`, 'circa.sqlite');
      return { url: `sqlite:${path}`, exists: async () => existsSync(path) };
    }
    const target = await createPostgresTestDatabase('circa_restore');
    cleanUps.push(target.drop);
    return {
      url: target.url,
      async exists() {
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          const found = await client.query(`select to_regclass('loans') is not null as found`);
          return found.rows[0].found === true;
        } finally {
          await client.end();
        }
      },
    };
  }

  let nextPatron: { barcode: string; loans: number } | null = null;
  /** A patron with room for another loan (the fixture's rule allows two each). */
  async function patronWithRoom(): Promise<string> {
    if (nextPatron === null || nextPatron.loans === 2) {
      nextPatron = { barcode: (await library.patron()).barcode, loans: 0 };
    }
    nextPatron.loans += 1;
    return nextPatron.barcode;
  }

  /** Lends CHECK_OUTS_IN_FLIGHT items at once; the ids of the loans acknowledged with 201. */
  async function lendBurst(round: number): Promise<number[]> {
    const pairs: Array<{ patronBarcode: string; itemBarcode: string }> = [];
    for (let i = 0; i < CHECK_OUTS_IN_FLIGHT; i++) {
      pairs.push({
        patronBarcode: await patronWithRoom(),
        itemBarcode: (await library.item()).barcode,
      });
    }
    const answers = await Promise.all(
      pairs.map((pair, i) => desks[(round + i) % DESKS]!.post('/api/checkouts', pair)),
    );
    return answers.map((answer) => {
      expect(answer.statusCode).toBe(201);
      return CheckOutResult.parse(answer.json()).loan.id;
    });
  }

  const workstation = offlineWorkstation({
    name: 'BACKUP-WS',
    branchCode: 'MAIN',
    staffUsername: 'desk-0',
  });
  let outageMinute = 0;
  /** One offline upload from the workstation; the ids of the transactions the server stored. */
  async function uploadOffline(): Promise<string[]> {
    const transactions = [];
    for (let i = 0; i < UPLOAD_SIZE; i++) {
      transactions.push(
        workstation.checkOut({
          patronBarcode: (await library.patron()).barcode,
          itemBarcode: (await library.item()).barcode,
          occurredAt: MONDAY_NOON_CHICAGO_MS - 3 * 60 * 60_000 + outageMinute++ * 60_000,
        }),
      );
    }
    const answer = await desks[0]!.post('/api/offline/transactions', { transactions });
    expect(answer.statusCode).toBe(200);
    expect(answer.json<OfflineUploadResult>().stored).toBe(UPLOAD_SIZE);
    return transactions.map((t) => t.id);
  }

  it('restores every loan and offline transaction acknowledged before it began, soundly', async () => {
    expect(
      (await desks[0]!.put('/api/session/workstation', { name: 'BACKUP-WS' })).statusCode,
    ).toBe(200);
    const loansBefore: number[] = [];
    for (let round = 0; round < 5; round++) loansBefore.push(...(await lendBurst(round)));
    const offlineBefore = await uploadOffline();

    const file = join(dir, `circa.${engine === 'sqlite' ? 'sqlite' : 'pgdump'}`);
    const backup = runCommandLine(['backup', file], { databaseUrl: api.database.url });
    let backupEnded = false;
    void backup.finally(() => (backupEnded = true));
    const backupRunning = () => !backupEnded;
    // The desk goes on lending and a workstation sends while the backup runs.
    let roundsDuring = 0;
    const uploadDuring = uploadOffline();
    while (backupRunning()) await lendBurst(100 + roundsDuring++);
    await uploadDuring;
    const made = await backup;
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/^Backed up the (SQLite|PostgreSQL) database \(\d+ loans\) to /);
    expect(made.code).toBe(0);
    expect(roundsDuring).toBeGreaterThan(0);

    const target = await emptyTarget();
    const restored = await runCommandLine(['restore', file], { databaseUrl: target.url });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/^Restored the (SQLite|PostgreSQL) database: \d+ loans\./);
    expect(restored.code).toBe(0);

    const handle = connectDatabase(target.url);
    try {
      const loans = await handle.db
        .selectFrom('loans')
        .select(['id', 'item_id', 'returned_at'])
        .execute();
      const restoredLoanIds = new Set(loans.map((loan) => loan.id));
      expect(loansBefore.filter((id) => !restoredLoanIds.has(id))).toEqual([]);
      const offline = await handle.db.selectFrom('offline_transactions').select('id').execute();
      const restoredOffline = new Set(offline.map((t) => t.id));
      expect(offlineBefore.filter((id) => !restoredOffline.has(id))).toEqual([]);

      // A snapshot, not a torn copy: each open loan's item is on loan, and each item on loan has
      // exactly one open loan.
      const onLoan = await handle.db
        .selectFrom('items')
        .select('id')
        .where('status', '=', 'on_loan')
        .execute();
      const open = loans.filter((loan) => loan.returned_at === null).map((loan) => loan.item_id);
      expect(open.toSorted((a, b) => a - b)).toEqual(
        onLoan.map((item) => item.id).toSorted((a, b) => a - b),
      );
      const applied = await handle.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied).toHaveLength(Object.keys(MIGRATIONS).length);
    } finally {
      await handle.close();
    }
    expect(await databaseChecks(engine, target.url)).toEqual([]);

    // Restoring again over what is now a library is refused, and changes nothing.
    const before = await loanCount(target.url);
    const refused = await runCommandLine(['restore', file], { databaseUrl: target.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Nothing was changed: the database holds [\d,]+ loans, [\d,]+ patrons, [\d,]+ items.*; restoring would replace them\..*pass --force/,
    );
    expect(await loanCount(target.url)).toBe(before);

    // --force replaces it with the backup's library.
    const forced = await runCommandLine(['restore', file, '--force'], { databaseUrl: target.url });
    expect(forced.code).toBe(0);
    expect(await loanCount(target.url)).toBe(before);

    // A damaged (truncated) backup is refused before anything is touched.
    const truncated = join(dir, `truncated.${engine === 'sqlite' ? 'sqlite' : 'pgdump'}`);
    const whole = readFileSync(file);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const fresh = await emptyTarget();
    const damaged = await runCommandLine(['restore', truncated], { databaseUrl: fresh.url });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(
      /^The backup .*truncated\.\w+ is damaged.*Nothing was changed\.\n$/s,
    );
    expect(await fresh.exists()).toBe(false);
  });
});

async function loanCount(url: string): Promise<number> {
  const handle = connectDatabase(url);
  try {
    const row = await handle.db
      .selectFrom('loans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

/**
 * The engine's own findings on a restored database, none when sound. SQLite: integrity_check and
 * foreign_key_check. PostgreSQL: constraints or indexes the restore left unchecked or unusable.
 */
async function databaseChecks(engine: Engine, url: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const database = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    try {
      const integrity = database.pragma('integrity_check', { simple: true }) as string;
      const foreignKeys = database.pragma('foreign_key_check') as Array<{ table: string }>;
      return [
        ...(integrity === 'ok' ? [] : [integrity]),
        ...foreignKeys.map((row) => `foreign key broken in ${row.table}`),
      ];
    } finally {
      database.close();
    }
  }
  const handle = connectDatabase(url);
  try {
    const { rows } = await sql<{ problem: string }>`
      select 'constraint not validated: ' || conname as problem from pg_constraint
        where connamespace = current_schema()::regnamespace and not convalidated
      union all
      select 'index not valid: ' || indexrelid::regclass::text from pg_index
        join pg_class on pg_class.oid = pg_index.indrelid
        where pg_class.relnamespace = current_schema()::regnamespace
          and not (indisvalid and indisready)`.execute(handle.db);
    return rows.map((row) => row.problem);
  } finally {
    await handle.close();
  }
}

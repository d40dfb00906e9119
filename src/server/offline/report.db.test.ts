import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OfflineTransaction } from '../../shared/offline/transaction.ts';
import { CircaError } from '../errors.ts';
import { buildStaffUser } from '../testing/factories.ts';
import { describeEachEngine, openTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { dismissException, reapplyException } from './exceptions.ts';
import { listExceptions } from './exceptionList.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
  type OfflineLibrary,
} from './fixtures.testing.ts';
import { sequenceReport } from './gaps.ts';
import { processPendingOfflineTransactions } from './process.ts';
import { receiveOfflineUpload } from './receive.ts';
import { findUpload, listUploads, offlineReport } from './report.ts';
import { reportCsvLines } from './reportCsv.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;

describeEachEngine('offline report and exceptions', (engine) => {
  let test: TestDatabase;
  let library: OfflineLibrary;
  beforeEach(async () => {
    test = await openTestDatabase(engine);
    library = await buildOfflineLibrary(test.db);
  });
  afterEach(() => test.dispose());

  const desk = (name: string) =>
    offlineWorkstation({
      name,
      branchCode: library.branch.code,
      staffUsername: library.staff.username,
    });
  const actor = () => ({ user: { id: library.staff.id } });

  async function sendAndProcess(transactions: OfflineTransaction[], fileName?: string) {
    const received = await receiveOfflineUpload({
      db: test.db,
      actor: actor(),
      source: fileName ? 'file' : 'client',
      fileName: fileName ?? null,
      transactions,
      now: at(600),
    });
    await processPendingOfflineTransactions({ db: test.db, now: () => at(601) });
    return received;
  }

  it('reports per upload, workstation and day, filtered by outcome', async () => {
    const patron = await library.patron();
    const items = [await library.item(), await library.item()];
    const one = desk('DESK-1');
    const two = desk('DESK-2');
    const first = await sendAndProcess([
      one.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: items[0]!.barcode,
        occurredAt: at(1),
      }),
      one.checkOut({ patronBarcode: 'UNKNOWN', itemBarcode: items[1]!.barcode, occurredAt: at(2) }),
    ]);
    await sendAndProcess(
      [
        two.checkOut({
          patronBarcode: patron.barcode,
          itemBarcode: items[1]!.barcode,
          occurredAt: at(3) + DAY_MS,
        }),
        two.checkIn({ itemBarcode: 'NOT-HERE', occurredAt: at(4) + DAY_MS }),
      ],
      'DESK-2.jsonl',
    );

    const page = { limit: 100, offset: 0 };
    const all = await offlineReport(test.db, {}, page);
    expect(all.summary).toMatchObject({ total: 4, applied: 2, exception: 2 });
    expect(all.transactions.map((t) => t.workstation)).toEqual([
      'DESK-1',
      'DESK-1',
      'DESK-2',
      'DESK-2',
    ]);

    const byUpload = await offlineReport(test.db, { uploadId: first.uploadId }, page);
    expect(byUpload.total).toBe(2);
    const byWorkstation = await offlineReport(test.db, { workstation: 'DESK-2' }, page);
    expect(byWorkstation.total).toBe(2);
    const byDay = await offlineReport(test.db, { day: '2026-03-03' }, page);
    expect(byDay.transactions.map((t) => t.workstation)).toEqual(['DESK-2', 'DESK-2']);
    const exceptions = await offlineReport(test.db, { outcome: 'exception' }, page);
    expect(exceptions.total).toBe(2);
    expect(exceptions.summary.total).toBe(4);
    expect(exceptions.transactions.map((t) => t.codes[0])).toEqual([
      'UNKNOWN_PATRON',
      'UNKNOWN_ITEM',
    ]);
    expect(exceptions.transactions[0]!.message).toMatch(/patron barcode UNKNOWN is not known/);

    const uploads = await listUploads(test.db, page);
    expect(uploads.map((u) => [u.source, u.fileName, u.summary.total])).toEqual([
      ['file', 'DESK-2.jsonl', 2],
      ['client', null, 2],
    ]);
    expect(uploads[0]!.staff.username).toBe(library.staff.username);
    expect((await findUpload(test.db, first.uploadId))?.summary).toMatchObject({
      applied: 1,
      exception: 1,
    });
    expect(await findUpload(test.db, 9_999)).toBeNull();
  });

  it('downloads the report as CSV with formula injection guarded', async () => {
    const hostile = await library.patron({ barcode: '=HYPERLINK("http://evil.example")' });
    const item = await library.item({ barcode: '+31234' });
    await sendAndProcess([
      desk('DESK-1').checkOut({
        patronBarcode: hostile.barcode,
        itemBarcode: item.barcode,
        occurredAt: at(1),
      }),
    ]);
    const lines: string[] = [];
    for await (const line of reportCsvLines(test.db, {})) lines.push(line);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('\uFEFF"Happened (server time, UTC)",')).toBe(true);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[1]).toContain(",'+31234,");
    expect(lines[1]!.endsWith('\r\n')).toBe(true);
  });

  it('streams every row of a report larger than one page', async () => {
    const ws = desk('DESK-BIG');
    const scans = Array.from({ length: 4_500 }, (_, i) =>
      ws.checkIn({ itemBarcode: `NONE-${i}`, occurredAt: at(1) + (i % 3) }),
    );
    await sendAndProcess(scans);
    let count = 0;
    const seen = new Set<string>();
    for await (const line of reportCsvLines(test.db, { workstation: 'DESK-BIG' })) {
      count += 1;
      seen.add(line.split(',').at(-1)!.trim());
    }
    expect(count).toBe(4_501);
    expect(seen.size).toBe(4_501);
  });

  it('names the transactions that have not arrived, and sequence numbers used twice', async () => {
    const ws = desk('DESK-2');
    const scans = Array.from({ length: 45 }, (_, i) =>
      ws.checkIn({ itemBarcode: `X${i}`, occurredAt: at(i) }),
    );
    // 41–43 were left behind on the computer; 45 has arrived.
    await sendAndProcess(scans.filter((s) => s.sequence < 41 || s.sequence > 43));
    const twin = desk('DESK-2').checkIn({ itemBarcode: 'Y', occurredAt: at(100) });
    await sendAndProcess([twin]);

    const report = await sequenceReport(test.db);
    expect(report.workstations).toEqual([
      {
        workstation: 'DESK-2',
        received: 42,
        lastSequence: 45,
        gaps: [
          {
            from: 41,
            to: 43,
            message: 'Transactions 41–43 from workstation DESK-2 have not arrived',
          },
        ],
      },
    ]);
    expect(report.sequenceConflicts).toHaveLength(1);
    expect(report.sequenceConflicts[0]).toMatchObject({
      workstation: 'DESK-2',
      sequence: 1,
      transactionIds: [scans[0]!.id, twin.id].toSorted(),
    });

    await sendAndProcess(scans.slice(40, 43));
    expect((await sequenceReport(test.db)).workstations[0]!.gaps).toEqual([]);
  });

  it('re-applies an exception with a corrected barcode, and records who did it', async () => {
    const supervisor = await buildStaffUser(test.db, {
      branch_id: library.branch.id,
      role: 'supervisor',
    });
    const patron = await library.patron();
    const item = await library.item();
    const scan = desk('DESK-1').checkOut({
      patronBarcode: `${patron.barcode}9`,
      itemBarcode: item.barcode,
      occurredAt: at(1),
    });
    await sendAndProcess([scan]);
    expect((await listExceptions({ db: test.db, state: 'open', limit: 10, offset: 0 })).total).toBe(
      1,
    );

    const still = await reapplyException({
      db: test.db,
      actor: { user: { id: supervisor.id } },
      transactionId: scan.id,
      patronBarcode: 'STILL-WRONG',
      now: at(700),
    });
    expect(still.transaction.status).toBe('exception');

    const fixed = await reapplyException({
      db: test.db,
      actor: { user: { id: supervisor.id } },
      transactionId: scan.id,
      patronBarcode: ` ${patron.barcode} `,
      now: at(710),
    });
    expect(fixed.transaction).toMatchObject({ status: 'applied', patron_barcode: patron.barcode });
    const loan = await test.db
      .selectFrom('loans')
      .selectAll()
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(loan).toMatchObject({
      patron_id: patron.id,
      checked_out_at: at(1),
      id: fixed.transaction.loan_id,
    });
    // The recorded scan is kept as it was.
    const stored = await test.db
      .selectFrom('offline_transactions')
      .select('payload')
      .where('id', '=', scan.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.payload).patronBarcode).toBe(`${patron.barcode}9`);

    expect((await listExceptions({ db: test.db, state: 'open', limit: 10, offset: 0 })).total).toBe(
      0,
    );
    const history = await listExceptions({ db: test.db, state: 'all', limit: 10, offset: 0 });
    expect(
      history.exceptions[0]!.actions.map((a) => [a.action, a.patronBarcode, a.staff.id, a.at]),
    ).toEqual([
      ['reapplied', 'STILL-WRONG', supervisor.id, at(700)],
      ['reapplied', patron.barcode, supervisor.id, at(710)],
    ]);

    await expect(
      reapplyException({ db: test.db, actor: actor(), transactionId: scan.id, now: at(720) }),
    ).rejects.toMatchObject({ code: 'EXCEPTION_ALREADY_RESOLVED', status: 409 });
  });

  it('dismisses an exception only with a reason, and records it', async () => {
    const scan = desk('DESK-1').checkIn({ itemBarcode: 'GONE', occurredAt: at(1) });
    await sendAndProcess([scan]);
    const blank = dismissException({
      db: test.db,
      actor: actor(),
      transactionId: scan.id,
      reason: '  ',
      now: at(700),
    });
    await expect(blank).rejects.toBeInstanceOf(CircaError);
    await expect(blank).rejects.toMatchObject({ status: 400, details: { field: 'reason' } });
    expect((await listExceptions({ db: test.db, state: 'open', limit: 10, offset: 0 })).total).toBe(
      1,
    );

    const dismissed = await dismissException({
      db: test.db,
      actor: actor(),
      transactionId: scan.id,
      reason: 'Withdrawn copy, discarded',
      now: at(700),
    });
    expect(dismissed.status).toBe('dismissed');
    const history = await listExceptions({ db: test.db, state: 'all', limit: 10, offset: 0 });
    expect(history.exceptions[0]!.actions).toEqual([
      expect.objectContaining({
        action: 'dismissed',
        reason: 'Withdrawn copy, discarded',
        at: at(700),
      }),
    ]);
    await expect(
      dismissException({
        db: test.db,
        actor: actor(),
        transactionId: 'no-such-id',
        reason: 'x',
        now: 1,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

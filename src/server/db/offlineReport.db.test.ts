import { expect, it } from 'vitest';
import { OUTAGE_START_MS } from '../offline/fixtures.testing.ts';
import { offlineScenePerTest } from '../offline/scene.testing.ts';
import { reportCsvLines } from '../presenters/offlineReportCsv.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { findUpload, listUploads, offlineReport } from './offlineReport.ts';
import { sequenceReport } from './sequenceGaps.ts';

/** Reads as a supervisor does: previous borrowers included. */
const AS_SUPERVISOR = { previousBorrowers: true };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;

describeEachEngine('offline report', (engine) => {
  const scene = offlineScenePerTest(engine, { receivedAt: at(600) + DAY_MS });
  const { desk } = scene;

  it('reports per upload, workstation and day, filtered by outcome', async () => {
    const patron = await scene.library.patron();
    const items = [await scene.library.item(), await scene.library.item()];
    const one = desk('DESK-1');
    const two = desk('DESK-2');
    const first = await scene.sendAndProcess([
      one.checkOut({
        patronBarcode: patron.barcode,
        itemBarcode: items[0]!.barcode,
        occurredAt: at(1),
      }),
      one.checkOut({ patronBarcode: 'UNKNOWN', itemBarcode: items[1]!.barcode, occurredAt: at(2) }),
    ]);
    await scene.sendAndProcess(
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
    const all = await offlineReport(scene.db, {}, page, AS_SUPERVISOR);
    expect(all.summary).toMatchObject({ total: 4, applied: 2, exception: 2 });
    expect(all.transactions.map((t) => t.workstation)).toEqual([
      'DESK-1',
      'DESK-1',
      'DESK-2',
      'DESK-2',
    ]);

    // Names and titles where the library knows the barcode, so staff know whom to call.
    expect(all.transactions.map((t) => [t.patronName, t.itemTitle])).toEqual([
      [patron.name, items[0]!.title],
      [null, items[1]!.title],
      [patron.name, items[1]!.title],
      [null, null],
    ]);

    const byUpload = await offlineReport(
      scene.db,
      { uploadId: first.uploadId },
      page,
      AS_SUPERVISOR,
    );
    expect(byUpload.total).toBe(2);
    const byWorkstation = await offlineReport(
      scene.db,
      { workstation: 'DESK-2' },
      page,
      AS_SUPERVISOR,
    );
    expect(byWorkstation.total).toBe(2);
    const byDay = await offlineReport(scene.db, { day: '2026-03-03' }, page, AS_SUPERVISOR);
    expect(byDay.transactions.map((t) => t.workstation)).toEqual(['DESK-2', 'DESK-2']);
    const exceptions = await offlineReport(scene.db, { outcome: 'exception' }, page, AS_SUPERVISOR);
    expect(exceptions.total).toBe(2);
    expect(exceptions.summary.total).toBe(4);
    expect(exceptions.transactions.map((t) => t.codes[0])).toEqual([
      'UNKNOWN_PATRON',
      'UNKNOWN_ITEM',
    ]);
    expect(exceptions.transactions[0]!.message).toMatch(/patron barcode UNKNOWN is not known/);

    const uploads = await listUploads(scene.db, page);
    expect(uploads.map((u) => [u.source, u.fileName, u.summary.total])).toEqual([
      ['file', 'DESK-2.jsonl', 2],
      ['client', null, 2],
    ]);
    expect(uploads[0]!.staff.username).toBe(scene.library.staff.username);
    expect((await findUpload(scene.db, first.uploadId))?.summary).toMatchObject({
      applied: 1,
      exception: 1,
    });
    expect(await findUpload(scene.db, 9_999)).toBeNull();
  });

  it('downloads the report as CSV with formula injection guarded', async () => {
    const hostile = await scene.library.patron({ barcode: '=HYPERLINK("http://evil.example")' });
    const item = await scene.library.item({ barcode: '+31234' });
    await scene.sendAndProcess([
      desk('DESK-1').checkOut({
        patronBarcode: hostile.barcode,
        itemBarcode: item.barcode,
        occurredAt: at(1),
      }),
    ]);
    const lines: string[] = [];
    for await (const line of reportCsvLines(scene.db, {}, AS_SUPERVISOR)) lines.push(line);
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
    await scene.sendAndProcess(scans);
    let count = 0;
    const seen = new Set<string>();
    for await (const line of reportCsvLines(scene.db, { workstation: 'DESK-BIG' }, AS_SUPERVISOR)) {
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
    await scene.sendAndProcess(scans.filter((s) => s.sequence < 41 || s.sequence > 43));
    const twin = desk('DESK-2').checkIn({ itemBarcode: 'Y', occurredAt: at(100) });
    await scene.sendAndProcess([twin]);

    const report = await sequenceReport(scene.db);
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

    await scene.sendAndProcess(scans.slice(40, 43));
    expect((await sequenceReport(scene.db)).workstations[0]!.gaps).toEqual([]);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors.ts';
import {
  MAX_UPLOAD_BYTES,
  type ExceptionList,
  type ExceptionResult,
  type OfflineReport,
  type OfflineUploadDetail,
  type OfflineUploadResult,
  type SequenceReport,
} from '../../../shared/api/offline.ts';
import { addDays } from '../../../shared/calendar/dueDates.ts';
import { localEndOfDay } from '../../../shared/calendar/localTime.ts';
import { writeOfflineFile } from '../../../shared/offlineFile/index.ts';
import { getLibrarySettings } from '../../db/librarySettings.ts';
import {
  buildOfflineLibrary,
  offlineWorkstation,
  OUTAGE_START_MS,
} from '../../offline/fixtures.testing.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import {
  createTestClock,
  startTestApi,
  type SignedInAgent,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { buildItem, buildLoanRule, buildPatron } from '../../testing/factories.ts';

const MINUTE_MS = 60_000;
const at = (minutes: number) => OUTAGE_START_MS + minutes * MINUTE_MS;
/** The server is back the day after the outage: every transaction's time is within bounds. */
const BACK_ONLINE_MS = OUTAGE_START_MS + 86_400_000;

describeEachEngine('offline upload routes', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  let supervisor: SignedInAgent;
  let patronBarcode: string;
  let itemBarcodes: string[];
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(BACK_ONLINE_MS) });
    desk = await api.signIn('desk', 'circulation');
    supervisor = await api.signIn('super', 'supervisor');
    const library = await buildOfflineLibrary(api.db);
    patronBarcode = (
      await buildPatron(api.db, {
        patron_type_id: library.patronType.id,
        home_branch_id: api.branch.id,
      })
    ).barcode;
    itemBarcodes = [];
    for (let i = 0; i < 4; i++) {
      itemBarcodes.push(
        (
          await buildItem(api.db, {
            material_type_id: library.materialType.id,
            branch_id: api.branch.id,
          })
        ).barcode,
      );
    }
  });
  afterAll(() => api.dispose());

  const workstation = (name: string) =>
    offlineWorkstation({ name, branchCode: api.branch.code, staffUsername: 'desk' });
  /** Sends as the offline client does: from the workstation that recorded the transactions. */
  const sendFrom = async (name: string, body: unknown) => {
    expect((await desk.put('/api/session/workstation', { name })).statusCode).toBe(200);
    return desk.post('/api/offline/transactions', body);
  };

  it('stores, processes and answers an upload from the offline client; a resend stores nothing new', async () => {
    const ws = workstation('API-DESK-1');
    const transactions = [
      ws.checkOut({ patronBarcode, itemBarcode: itemBarcodes[0]!, occurredAt: at(1) }),
      ws.checkOut({
        patronBarcode: 'UNKNOWN-CARD',
        itemBarcode: itemBarcodes[1]!,
        occurredAt: at(2),
      }),
    ];
    const response = await sendFrom('API-DESK-1', { transactions });
    expect(response.statusCode).toBe(200);
    const result = response.json<OfflineUploadResult>();
    expect(result).toMatchObject({
      received: 2,
      stored: 2,
      duplicates: 0,
      summary: { total: 2, applied: 1, exception: 1, pending: 0 },
    });

    const again = await sendFrom('API-DESK-1', { transactions });
    expect(again.json<OfflineUploadResult>()).toMatchObject({
      stored: 0,
      duplicates: 2,
      summary: { total: 2, applied: 1, exception: 1 },
    });
    const loans = await api.db
      .selectFrom('loans')
      .selectAll()
      .where('source', '=', 'offline')
      .execute();
    expect(loans).toHaveLength(1);
  });

  it('refuses the whole upload when one transaction is invalid, naming index and field', async () => {
    const ws = workstation('API-DESK-BAD');
    const good = ws.checkOut({ patronBarcode, itemBarcode: itemBarcodes[2]!, occurredAt: at(3) });
    const bad = {
      ...ws.checkOut({ patronBarcode, itemBarcode: itemBarcodes[2]!, occurredAt: at(4) }),
      dueAt: 'tomorrow',
    };
    const response = await sendFrom('API-DESK-BAD', { transactions: [good, bad] });
    expect(response.statusCode).toBe(400);
    const body = response.json<ApiError>();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/1 of 2 transactions are not valid, so none was stored/);
    expect(body.error.details?.invalid).toEqual([
      expect.objectContaining({ index: 1, field: 'dueAt' }),
    ]);
    const stored = await api.db
      .selectFrom('offline_transactions')
      .select('id')
      .where('id', '=', good.id)
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('lets supervisors upload a circa-offline file, and refuses a malformed one whole', async () => {
    const ws = workstation('API-FILE-1');
    const transactions = [
      ws.checkOut({ patronBarcode, itemBarcode: itemBarcodes[2]!, occurredAt: at(10) }),
      ws.checkIn({ itemBarcode: itemBarcodes[3]!, occurredAt: at(11) }),
    ];
    const file = writeOfflineFile({
      workstation: 'API-FILE-1',
      branchCode: api.branch.code,
      exportedAt: at(20),
      transactions,
    });
    const headers = { 'content-type': 'text/plain' };
    const refused = await desk.post('/api/offline/files', file, headers);
    expect(refused.statusCode).toBe(403);

    const broken = file.replace('"check_in"', '"check_inn"');
    const rejected = await supervisor.post(
      '/api/offline/files?fileName=desk1.jsonl',
      broken,
      headers,
    );
    expect(rejected.statusCode).toBe(400);
    const error = rejected.json<ApiError>().error;
    expect(error.message).toMatch(/nothing from it was stored/);
    expect(error.details?.errors).toEqual([expect.objectContaining({ line: 3 })]);
    const none = await api.db
      .selectFrom('offline_transactions')
      .select('id')
      .where('workstation', '=', 'API-FILE-1')
      .execute();
    expect(none).toHaveLength(0);

    const accepted = await supervisor.post(
      '/api/offline/files?fileName=desk1.jsonl',
      file,
      headers,
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<OfflineUploadResult>()).toMatchObject({
      stored: 2,
      summary: { applied: 1, appliedWithWarning: 1 },
    });
    const detail = await supervisor.get(
      `/api/offline/uploads/${accepted.json<OfflineUploadResult>().uploadId}?outcome=applied_with_warning`,
    );
    const body = detail.json<OfflineUploadDetail>();
    expect(body.upload).toMatchObject({
      source: 'file',
      fileName: 'desk1.jsonl',
      workstation: 'API-FILE-1',
    });
    expect(body.report.transactions.map((t) => t.codes)).toEqual([['ITEM_NOT_ON_LOAN']]);
  });

  it('imports a Koha .koc file: issues become loans with the loan rule’s due date, returns check in', async () => {
    const library = await api.db
      .selectFrom('patrons')
      .select('patron_type_id')
      .where('barcode', '=', patronBarcode)
      .executeTakeFirstOrThrow();
    const item = await api.db
      .selectFrom('items')
      .select('material_type_id')
      .where('barcode', '=', itemBarcodes[3]!)
      .executeTakeFirstOrThrow();
    await buildLoanRule(api.db, {
      patron_type_id: library.patron_type_id,
      material_type_id: item.material_type_id,
      branch_id: api.branch.id,
      loan_days: 10,
    });
    // An item whose material type has no loan rule gets the library's default loan period.
    const noRuleItem = (await buildItem(api.db, { branch_id: api.branch.id })).barcode;
    const { defaultLoanDays } = await getLibrarySettings(api.db);
    const koc = [
      'Version=1.0\tGenerator=kocDesktop\tGeneratorVersion=2.0.0',
      `2026-03-02 10-15-30 000\tissue\t${patronBarcode}\t${itemBarcodes[3]!}`,
      `2026-03-02 10-16-02 000\treturn\t${itemBarcodes[0]!}`,
      `2026-03-02 10-17-45 000\tpayment\t${patronBarcode}\t5.00`,
      `2026-03-02 10-18-00 000\tissue\t${patronBarcode}\t${noRuleItem}`,
      '',
    ].join('\r\n');
    const response = await supervisor.post('/api/offline/files?fileName=desk.koc', koc, {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<OfflineUploadResult>();
    expect(result).toMatchObject({ stored: 4, summary: { applied: 3, noted: 1 } });

    const loans = await api.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select(['items.barcode', 'loans.checked_out_at', 'loans.due_at', 'loans.returned_at'])
      .where('items.barcode', 'in', [itemBarcodes[3]!, itemBarcodes[0]!])
      .orderBy('loans.id')
      .execute();
    // Chicago is UTC-6 until 8 March and UTC-5 after: 10:15:30 local was 16:15:30 UTC; due ten
    // days later at 23:59 local.
    expect(loans).toEqual([
      {
        barcode: itemBarcodes[0],
        checked_out_at: at(1),
        due_at: expect.any(Number),
        returned_at: Date.UTC(2026, 2, 2, 16, 16, 2),
      },
      {
        barcode: itemBarcodes[3],
        checked_out_at: Date.UTC(2026, 2, 2, 16, 15, 30),
        due_at: Date.UTC(2026, 2, 13, 4, 59),
        returned_at: null,
      },
    ]);
    const defaultLoan = await api.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select('loans.due_at')
      .where('items.barcode', '=', noRuleItem)
      .executeTakeFirstOrThrow();
    expect(defaultLoan.due_at).toBe(
      localEndOfDay(addDays('2026-03-02', defaultLoanDays), 'America/Chicago'),
    );
    const upload = (
      await supervisor.get(`/api/offline/uploads/${result.uploadId}`)
    ).json<OfflineUploadDetail>();
    expect(upload.upload).toMatchObject({
      source: 'koc',
      workstation: 'KOC-TEST-super',
      fileName: 'desk.koc',
    });
    // Koha files have no sequence numbers of their own: they are left out of gap detection.
    const gaps = (await supervisor.get('/api/offline/gaps')).json<SequenceReport>();
    expect(gaps.workstations.map((w) => w.workstation)).not.toContain('KOC-TEST-super');
  });

  it('explains files it cannot read: not text, not an offline file, or sent as JSON', async () => {
    const notText = await supervisor.request({
      method: 'POST',
      url: '/api/offline/files',
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x0a]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(notText.statusCode).toBe(400);
    expect(notText.json<ApiError>().error.details?.errors).toEqual([
      expect.objectContaining({ code: 'NOT_TEXT' }),
    ]);

    const unknown = await supervisor.post('/api/offline/files', 'patron,item\n1,2\n', {
      'content-type': 'text/plain',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ApiError>().error.message).toMatch(/not an offline file Circa reads/);

    const asJson = await supervisor.post('/api/offline/files', { transactions: [] });
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json<ApiError>().error.message).toMatch(/Content-Type text\/plain/);
  });

  it('refuses a body over the upload limit with PAYLOAD_TOO_LARGE', async () => {
    const huge = 'x'.repeat(MAX_UPLOAD_BYTES + 1);
    const response = await supervisor.post('/api/offline/files', huge, {
      'content-type': 'text/plain',
    });
    expect(response.statusCode).toBe(413);
    const error = response.json<ApiError>().error;
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/larger than 32 MiB/);
  });

  it('serves the report, its CSV, the gaps and the uploads', async () => {
    // Another workstation's report: a supervisor's to read (reportAccess.db.test.ts has the desk's).
    const report = await supervisor.get(
      '/api/offline/report?workstation=API-DESK-1&outcome=exception',
    );
    expect(report.statusCode).toBe(200);
    const body = report.json<OfflineReport>();
    expect(body.total).toBe(1);
    expect(body.transactions[0]!.message).toMatch(/UNKNOWN-CARD/);

    const csv = await supervisor.get('/api/offline/report.csv?workstation=API-DESK-1');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="offline-report-API-DESK-1.csv"',
    );
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);

    const gaps = await supervisor.get('/api/offline/gaps');
    expect(gaps.json<SequenceReport>().workstations.map((w) => w.workstation)).toContain(
      'API-DESK-1',
    );
    const uploads = await supervisor.get('/api/offline/uploads');
    expect(uploads.statusCode).toBe(200);
    expect((await api.anonymous().get('/api/offline/report')).statusCode).toBe(401);
  });

  it('describes every offline route in the OpenAPI document', async () => {
    const response = await desk.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/offline/transactions',
        '/api/offline/files',
        '/api/offline/uploads',
        '/api/offline/uploads/{id}',
        '/api/offline/report',
        '/api/offline/report.csv',
        '/api/offline/gaps',
        '/api/offline/exceptions',
        '/api/offline/exceptions/{id}/reapply',
        '/api/offline/exceptions/{id}/dismiss',
      ]),
    );
  });

  it('lets supervisors work the exceptions queue', async () => {
    expect((await desk.get('/api/offline/exceptions')).statusCode).toBe(403);
    const list = (await supervisor.get('/api/offline/exceptions')).json<ExceptionList>();
    expect(list.total).toBe(1);
    const [exception] = list.exceptions;

    const missingReason = await supervisor.post(
      `/api/offline/exceptions/${exception!.id}/dismiss`,
      { reason: ' ' },
    );
    expect(missingReason.statusCode).toBe(400);
    // The schema's own sentence, not "Some of what was sent is not valid. reason: …".
    expect(missingReason.json<ApiError>().error.message).toBe(
      'Say why you dismiss this exception: type the reason, then choose Dismiss.',
    );

    // Applied again as recorded: still unknown, and the history says so with the reason.
    const again = await supervisor.post(`/api/offline/exceptions/${exception!.id}/reapply`, {});
    expect(again.statusCode).toBe(200);
    const stillOpen = again.json<ExceptionResult>().exception;
    expect(stillOpen.status).toBe('exception');
    expect(stillOpen.message).toMatch(/UNKNOWN-CARD/);
    expect(stillOpen.actions).toEqual([
      expect.objectContaining({ action: 'reapplied', reason: stillOpen.message }),
    ]);

    const fixed = await supervisor.post(`/api/offline/exceptions/${exception!.id}/reapply`, {
      patronBarcode,
    });
    expect(fixed.statusCode).toBe(200);
    const result = fixed.json<ExceptionResult>().exception;
    expect(result.status).toBe('applied');
    expect(result.actions).toEqual([
      expect.anything(),
      expect.objectContaining({
        reason: null,
        action: 'reapplied',
        patronBarcode,
        staff: expect.objectContaining({ username: 'super' }),
      }),
    ]);

    const twice = await supervisor.post(`/api/offline/exceptions/${exception!.id}/dismiss`, {
      reason: 'late',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<ApiError>().error.message).toMatch(/no longer an exception/);
  });
});

// Workstation names and barcodes that hide characters ("\u202eKSED-NIAM" shows as MAIN-DESK) are
// refused on every way into the offline path and the desk's API, naming where, and store nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors.ts';
import { writeOfflineFile } from '../../../shared/offlineFile/index.ts';
import { offlineWorkstation, OUTAGE_START_MS } from '../../offline/fixtures.testing.ts';
import { startTestApi, type SignedInAgent, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

const REVERSED_MAIN_DESK = '\u202eKSED-NIAM';
const ZERO_WIDTH_ITEM = '3100000\u200b0000017';
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

const errorOf = (response: { json<T>(): T }) => response.json<ApiError>().error;

/** A .koc file of one return line for the barcode. */
const koc = (barcode: string) =>
  `Version=1.0\tGenerator=kocDesktop\tGeneratorVersion=2.0.0\n2026-03-02 10:15:30 000\treturn\t${barcode}\n`;

describeEachEngine('hidden characters on the way in', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  let supervisor: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    desk = await api.signIn('hidden-desk', 'circulation');
    supervisor = await api.signIn('hidden-super', 'supervisor');
  });
  afterAll(() => api.dispose());

  const count = async (table: 'offline_uploads' | 'offline_transactions' | 'loans') =>
    Number(
      (
        await api.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedRows = async () => [
    await count('offline_uploads'),
    await count('offline_transactions'),
    await count('loans'),
  ];
  const recorder = (name: string) =>
    offlineWorkstation({ name, branchCode: api.branch.code, staffUsername: 'hidden-desk' });

  it('refuses the offline client’s upload naming the transaction and field', async () => {
    const before = await storedRows();
    const cases = [
      [
        recorder(REVERSED_MAIN_DESK).checkIn({ itemBarcode: '31', occurredAt: OUTAGE_START_MS }),
        'transaction 0, field workstation',
        /letters, digits/,
      ],
      [
        recorder('DESK-1').checkIn({ itemBarcode: ZERO_WIDTH_ITEM, occurredAt: OUTAGE_START_MS }),
        'transaction 0, field itemBarcode',
        /invisible or direction-changing character \(U\+200B\).*scan the barcode again/,
      ],
      [
        recorder('DESK-1').checkOut({
          patronBarcode: '2100\u2066\u2069',
          itemBarcode: '31',
          occurredAt: OUTAGE_START_MS,
        }),
        'transaction 0, field patronBarcode',
        /U\+2066/,
      ],
    ] as const;
    const answers = [];
    for (const [transaction] of cases) {
      const response = await desk.post('/api/offline/transactions', {
        transactions: [transaction],
      });
      answers.push({ status: response.statusCode, ...errorOf(response) });
    }
    expect(answers).toEqual(
      cases.map(([, field, message]) => ({
        status: 400,
        code: 'BAD_REQUEST',
        message: expect.stringMatching(new RegExp(`${field}: .*${message.source}`)),
        details: expect.anything(),
      })),
    );
    expect(await storedRows()).toEqual(before);
  });

  it('refuses a circa-offline file whose header or line hides characters, naming the line', async () => {
    const before = await storedRows();
    const ws = recorder('FILE-DESK');
    const file = writeOfflineFile({
      workstation: 'FILE-DESK',
      branchCode: api.branch.code,
      exportedAt: OUTAGE_START_MS + 60_000,
      transactions: [ws.checkIn({ itemBarcode: '31', occurredAt: OUTAGE_START_MS })],
    });
    const reversed = file.replaceAll('"FILE-DESK"', JSON.stringify(REVERSED_MAIN_DESK));
    const hiddenBarcode = file.replace('"itemBarcode":"31"', `"itemBarcode":"3\u200d1"`);
    const answers = [
      await supervisor.post('/api/offline/files?fileName=a.jsonl', reversed, TEXT),
      await supervisor.post('/api/offline/files?fileName=b.jsonl', hiddenBarcode, TEXT),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([400, 400]);
    const [header, line] = answers.map((a) => errorOf(a).message);
    expect(header).toMatch(/line 1, field workstation: .*letters, digits/);
    expect(line).toMatch(/line 2, field itemBarcode: .*U\+200D/);
    expect(await storedRows()).toEqual(before);
  });

  it('refuses a .koc file with a hidden character in a barcode, and a hidden workstation name', async () => {
    const before = await storedRows();
    const hidden = await supervisor.post(
      '/api/offline/files?fileName=c.koc',
      koc('31\u202e'),
      TEXT,
    );
    expect(hidden.statusCode).toBe(400);
    expect(errorOf(hidden).message).toMatch(/line 2, field barcode: .*U\+202E/);
    const named = await supervisor.post(
      `/api/offline/files?fileName=d.koc&workstation=${encodeURIComponent(REVERSED_MAIN_DESK)}`,
      koc('31'),
      TEXT,
    );
    expect(named.statusCode).toBe(400);
    expect(errorOf(named).message).toMatch(/workstation: .*letters, digits/);
    expect(await storedRows()).toEqual(before);

    // Control characters stay what they were: data, reported as a barcode no item has.
    const control = await supervisor.post(
      '/api/offline/files?fileName=e.koc',
      koc('31\u0001'),
      TEXT,
    );
    expect(control.statusCode).toBe(200);
  });

  it('refuses hidden characters in the desk’s barcodes and the report’s workstation filter', async () => {
    const answers = [
      await desk.post('/api/checkins', { itemBarcode: ZERO_WIDTH_ITEM }),
      await desk.post('/api/checkouts', { patronBarcode: '2\u202e1', itemBarcode: '31' }),
      await desk.get(`/api/patrons/${encodeURIComponent('21\u200b')}`),
      await desk.get(`/api/items/${encodeURIComponent('3\ufeff1')}`),
      await supervisor.get(
        `/api/offline/report?workstation=${encodeURIComponent(REVERSED_MAIN_DESK)}`,
      ),
    ];
    expect(answers.map((a) => [a.statusCode, errorOf(a).code])).toEqual(
      answers.map(() => [400, 'BAD_REQUEST']),
    );
  });
});

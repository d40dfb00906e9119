// Fuzzing the upload endpoints through the whole app, on each engine: hundreds of damaged files and
// hostile JSON bodies. Never a 5xx; a refused upload changes no row; every refusal says what is
// wrong (line and field for files, index and field for transactions).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../../shared/api/offline.ts';
import { arbitraryTransaction } from '../../../shared/offlineFile/arbitraries.testing.ts';
import {
  applyDamage,
  arbitraryDamage,
  arbitraryKocFile,
  arbitraryOfflineFile,
  HOSTILE_JSON_VALUES,
  INVALID_UTF8_SEQUENCES,
} from '../../../shared/offlineFile/hostileFiles.testing.ts';
import { formatOfflineFileError, writeOfflineFile } from '../../../shared/offlineFile/index.ts';
import type { OfflineFileError } from '../../../shared/offlineFile/index.ts';
import { buildOfflineLibrary, offlineWorkstation } from '../../offline/fixtures.testing.ts';
import { startTestApi, type SignedInAgent, type TestApi } from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

/** Uploads per property and engine: hundreds, inside the db project's time budget. */
export const UPLOAD_FUZZ_RUNS = 300;
const WORKSTATION = 'FUZZ-DESK';

type CountedTable = 'offline_uploads' | 'offline_transactions' | 'loans';

async function countRows(api: TestApi, table: CountedTable): Promise<number> {
  const row = await api.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachEngine('upload endpoints under hostile input', (engine) => {
  let api: TestApi;
  let desk: SignedInAgent;
  let supervisor: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine);
    await buildOfflineLibrary(api.db);
    desk = await api.signIn('fuzz-desk', 'circulation', { workstation: WORKSTATION });
    supervisor = await api.signIn('fuzz-super', 'supervisor', { workstation: WORKSTATION });
  });
  afterAll(() => api.dispose());

  /** Rows an upload may write; a refused upload must leave every count as it was. */
  async function rowCounts() {
    return {
      uploads: await countRows(api, 'offline_uploads'),
      transactions: await countRows(api, 'offline_transactions'),
      loans: await countRows(api, 'loans'),
    };
  }

  /** Sends one upload and checks the promises every answer keeps; returns the status. */
  async function expectSoundUpload(send: () => Promise<{ statusCode: number; body: string }>) {
    const before = await rowCounts();
    const response = await send();
    // The body names the failure when this does not hold.
    expect(response.statusCode < 500 ? 'below 500' : response.body).toBe('below 500');
    if (response.statusCode === 200) return 200;
    expect(await rowCounts()).toEqual(before);
    const { error } = JSON.parse(response.body) as ApiError;
    expect(error.message.trim()).not.toBe('');
    const fileErrors = error.details?.errors as OfflineFileError[] | undefined;
    for (const fileError of fileErrors ?? []) {
      expect(formatOfflineFileError(fileError)).toMatch(/^(line \d+|The file is empty)/);
    }
    // A refused transaction list names the first bad transaction by its index.
    const unnamedTransaction =
      error.details?.invalid !== undefined && !/The first: transaction \d+/.test(error.message);
    expect(unnamedTransaction).toBe(false);
    return response.statusCode;
  }

  const sendFile = (body: Uint8Array, fileName?: string) =>
    supervisor.request({
      method: 'POST',
      url: `/api/offline/files${fileName === undefined ? '' : `?fileName=${encodeURIComponent(fileName)}`}`,
      body: Buffer.from(body),
      headers: { 'content-type': 'text/plain' },
    });

  const sendJson = (body: string | Uint8Array) =>
    desk.request({
      method: 'POST',
      url: '/api/offline/transactions',
      body: typeof body === 'string' ? body : Buffer.from(body),
      headers: { 'content-type': 'application/json' },
    });

  it(`answers ${UPLOAD_FUZZ_RUNS} damaged offline and .koc files without a 5xx or a partial write`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(arbitraryOfflineFile(WORKSTATION, { maxTransactions: 4 }), arbitraryKocFile),
        fc.array(arbitraryDamage, { maxLength: 2 }),
        fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
        async (file, damages, fileName) => {
          const status = await expectSoundUpload(() =>
            sendFile(damages.reduce(applyDamage, file), fileName),
          );
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      ),
      { numRuns: UPLOAD_FUZZ_RUNS },
    );
    // Both sides explored: files accepted and files refused.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });

  it(`answers ${UPLOAD_FUZZ_RUNS} hostile JSON bodies without a 5xx or a partial write`, async () => {
    const ws = offlineWorkstation({
      name: WORKSTATION,
      branchCode: api.branch.code,
      staffUsername: 'fuzz-desk',
    });
    const sound = ws.checkOut({ patronBarcode: 'P-FUZZ', itemBarcode: 'I-FUZZ', occurredAt: 0 });
    const fieldNames = Object.keys(sound);
    const hostileBody = fc.oneof(
      // A sound transaction with one field replaced by a hostile value.
      fc
        .tuple(fc.constantFrom(...fieldNames), fc.constantFrom(...HOSTILE_JSON_VALUES))
        .map(([field, value]) =>
          JSON.stringify({ transactions: [{ ...sound, [field]: '__H__' }] }).replace(
            '"__H__"',
            value,
          ),
        ),
      // Transactions of any shape the schema allows, barcodes with any characters (NUL included).
      fc
        .array(arbitraryTransaction({ workstation: WORKSTATION, realisticTimes: true }), {
          minLength: 1,
          maxLength: 3,
        })
        .map((transactions) => JSON.stringify({ transactions })),
      // Anything at all where the list or its elements belong.
      fc.jsonValue().map((value) => JSON.stringify({ transactions: value })),
      fc.jsonValue().map((value) => JSON.stringify({ transactions: [value] })),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      // Broken JSON: truncated or with bytes that are not UTF-8.
      fc.tuple(fc.nat(), fc.nat(INVALID_UTF8_SEQUENCES.length - 1)).map(([at, sequence]) => {
        const text = new TextEncoder().encode(JSON.stringify({ transactions: [sound] }));
        const cut = at % text.length;
        return Uint8Array.from([
          ...text.subarray(0, cut),
          ...(INVALID_UTF8_SEQUENCES[sequence] ?? []),
          ...text.subarray(cut),
        ]);
      }),
      fc.nat().map((at) => {
        const text = JSON.stringify({ transactions: [sound] });
        return text.slice(0, at % text.length);
      }),
      fc.constantFrom(
        `{"transactions":${'['.repeat(400_000)}${']'.repeat(400_000)}}`,
        `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
        `{"transactions":[${JSON.stringify({ ...sound, itemBarcode: 'x'.repeat(100_000) })}]}`,
        `{"transactions":[${JSON.stringify({ ...sound, sequence: 1e308 })}]}`,
        '{"transactions":[],"__proto__":{"polluted":true}}',
      ),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        const status = await expectSoundUpload(() => sendJson(body));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: UPLOAD_FUZZ_RUNS },
    );
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a NUL character in a field on both endpoints, naming where, storing nothing', async () => {
    const ws = offlineWorkstation({
      name: WORKSTATION,
      branchCode: api.branch.code,
      staffUsername: 'fuzz-desk',
    });
    const withNul = ws.checkOut({ patronBarcode: 'P1', itemBarcode: 'I\u00001', occurredAt: 0 });
    const json = await sendJson(JSON.stringify({ transactions: [withNul] }));
    expect(
      await expectSoundUpload(() => sendJson(JSON.stringify({ transactions: [withNul] }))),
    ).toBe(400);
    expect(json.json<ApiError>().error.message).toMatch(
      /transactions\[0\]\.itemBarcode: contains a NUL character/,
    );
    const file = new TextEncoder().encode(
      writeOfflineFile({
        workstation: WORKSTATION,
        branchCode: api.branch.code,
        exportedAt: 0,
        transactions: [withNul],
      }),
    );
    expect(await expectSoundUpload(() => sendFile(file))).toBe(400);
    expect((await sendFile(file)).json<ApiError>().error.details?.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'itemBarcode', code: 'INVALID_FIELD' }),
    ]);
  });

  it('stores formula-looking barcodes as data and the report CSV keeps them as text', async () => {
    const ws = offlineWorkstation({
      name: WORKSTATION,
      branchCode: api.branch.code,
      staffUsername: 'fuzz-desk',
    });
    const formula = '=HYPERLINK("http://evil.example","x")';
    const transactions = [
      ws.checkOut({ patronBarcode: formula, itemBarcode: '@SUM(A1)', occurredAt: 1 }),
      ws.checkOut({ patronBarcode: '-2+3', itemBarcode: '\t=1', occurredAt: 2 }),
    ];
    expect((await sendJson(JSON.stringify({ transactions }))).statusCode).toBe(200);
    const csv = await desk.get('/api/offline/report.csv?workstation=FUZZ-DESK');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.body).toContain(",'@SUM(A1),");
    expect(csv.body).toContain(",'-2+3,");
    expect(csv.body).toContain(",'\t=1,");
    const json = await desk.get('/api/offline/report?workstation=FUZZ-DESK');
    expect(json.json<{ transactions: { patronBarcode: string }[] }>().transactions).toEqual(
      expect.arrayContaining([expect.objectContaining({ patronBarcode: formula })]),
    );
  });

  it('refuses a body over the limit on both endpoints with 413 naming the limit, storing nothing', async () => {
    const huge = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    for (const send of [() => sendFile(huge), () => sendJson(huge)]) {
      expect(await expectSoundUpload(send)).toBe(413);
      const response = await send();
      expect(response.json<ApiError>().error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringMatching(/larger than 32 MiB, so nothing was stored/),
      });
    }
  });
});

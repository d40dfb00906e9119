// Koha .koc files have no sequence numbers: each file's lines are numbered from 1 on import. Two
// different files uploaded to the same (default) workstation must never read as "sequence
// conflicts" or leave gaps, and a workstation that shares the name keeps its own numbering.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfflineUploadResult, SequenceReport } from '../../../shared/api/offline.ts';
import { writeOfflineFile } from '../../../shared/offlineFile/index.ts';
import { offlineWorkstation } from '../../offline/fixtures.testing.ts';
import {
  createTestClock,
  startTestApi,
  type SignedInAgent,
  type TestApi,
} from '../../testing/apiHarness.ts';
import { describeEachEngine } from '../../testing/engines.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../shared/koc/fixtures/${name}`, import.meta.url), 'utf8');
const COLONS = fixture('colons.koc');
const DASHES = fixture('dashes.koc');
/** Both fixtures' days (March and July 2026) are in the past. */
const SERVER_NOW = Date.UTC(2026, 7, 1, 12);
/** The supervisor signs in at TEST-super: .koc lines go to KOC-TEST-super unless told otherwise. */
const DEFAULT_KOC_WORKSTATION = 'KOC-TEST-super';

describeEachEngine('.koc uploads and sequence numbers', (engine) => {
  let api: TestApi;
  let supervisor: SignedInAgent;
  beforeAll(async () => {
    api = await startTestApi(engine, { clock: createTestClock(SERVER_NOW) });
    supervisor = await api.signIn('super', 'supervisor');
  });
  afterAll(() => api.dispose());

  const upload = async (fileName: string, body: string) => {
    const response = await supervisor.post(`/api/offline/files?fileName=${fileName}`, body, {
      'content-type': 'text/plain; charset=utf-8',
    });
    expect(response.statusCode).toBe(200);
    return response.json<OfflineUploadResult>();
  };

  it('stores two different real .koc files to the default workstation whole, with no conflicts and no gaps', async () => {
    const colons = await upload('colons.koc', COLONS);
    const dashes = await upload('dashes.koc', DASHES);
    expect(colons).toMatchObject({ received: 5, stored: 5, duplicates: 0, sequenceConflicts: [] });
    expect(dashes).toMatchObject({ received: 4, stored: 4, duplicates: 0, sequenceConflicts: [] });

    const stored = await api.db
      .selectFrom('offline_transactions')
      .select(['upload_id', 'sequence'])
      .where('workstation', '=', DEFAULT_KOC_WORKSTATION)
      .execute();
    expect(stored.filter((row) => row.upload_id === colons.uploadId)).toHaveLength(5);
    expect(stored.filter((row) => row.upload_id === dashes.uploadId)).toHaveLength(4);
    // Both files hold numbers 1… : the very clash that must not be reported.
    expect(stored.filter((row) => Number(row.sequence) === 1)).toHaveLength(2);

    const report = (await supervisor.get('/api/offline/gaps')).json<SequenceReport>();
    expect(report.sequenceConflicts).toEqual([]);
    expect(report.workstations.map((w) => w.workstation)).not.toContain(DEFAULT_KOC_WORKSTATION);
    expect(report.workstations.flatMap((w) => w.gaps)).toEqual([]);
  });

  it('keeps a workstation that shares the .koc name free of conflicts with the imported lines', async () => {
    const shared = offlineWorkstation({
      name: DEFAULT_KOC_WORKSTATION,
      branchCode: api.branch.code,
      staffUsername: 'super',
    });
    const transactions = [
      shared.checkIn({ itemBarcode: '31000000123456', occurredAt: SERVER_NOW - 3_600_000 }),
    ];
    expect(transactions[0]?.sequence).toBe(1);
    const file = writeOfflineFile({
      workstation: DEFAULT_KOC_WORKSTATION,
      branchCode: api.branch.code,
      exportedAt: SERVER_NOW,
      transactions,
    });
    const result = await upload('shared-name.jsonl', file);
    expect(result).toMatchObject({ stored: 1, sequenceConflicts: [] });

    const report = (await supervisor.get('/api/offline/gaps')).json<SequenceReport>();
    expect(report.sequenceConflicts).toEqual([]);
    expect(report.workstations).toContainEqual(
      expect.objectContaining({ workstation: DEFAULT_KOC_WORKSTATION, received: 1, gaps: [] }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { OfflineUploadResult } from '../../shared/api/offline.ts';
import type { SessionInfo } from '../../shared/api/session.ts';
import { ApiRequestError, createApiClient } from './client.ts';
import { reportCsvHref, reportQuery } from './offlineReports.ts';

const branch = { id: 1, code: 'MAIN', name: 'Main Library', timeZone: 'America/Chicago' };
const session: SessionInfo = {
  libraryName: 'Riverside Public Library',
  user: { id: 2, username: 'super', displayName: 'Sam Super', role: 'supervisor', branch },
  actions: ['session.read', 'offline.uploadFile', 'offline.exceptions.manage'],
  workstation: { id: 7, name: 'MAIN-DESK-1', branch },
  csrfToken: 'csrf-456',
  expiresAt: 1_800_000_000_000,
  installOfflineClientAtSignIn: false,
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const summary = {
  total: 1,
  pending: 0,
  applied: 1,
  appliedWithWarning: 0,
  exception: 0,
  noted: 0,
  dismissed: 0,
};

function clientAnswering(...answers: Response[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    return answer;
  }) as typeof globalThis.fetch;
  return { api: createApiClient({ fetch }), calls };
}

describe('offline report endpoints', () => {
  it('sends a file as it is, as text/plain with the CSRF token and its name', async () => {
    const result: OfflineUploadResult = {
      uploadId: 3,
      received: 1,
      stored: 1,
      duplicates: 0,
      sequenceConflicts: [],
      summary,
    };
    const { api, calls } = clientAnswering(json(200, session), json(200, result));
    await api.signIn({ username: 'super', password: 'circa-demo' });
    const file = new Blob(['{"format":"circa-offline"}\n']);
    await expect(api.uploadOfflineFile(file, { fileName: 'desk 1.jsonl' })).resolves.toEqual(
      result,
    );
    const upload = calls[1]!;
    expect(upload.url).toBe('/api/offline/files?fileName=desk+1.jsonl');
    expect(upload.init.body).toBe(file);
    const headers = new Headers(upload.init.headers);
    expect(headers.get('content-type')).toBe('text/plain');
    expect(headers.get('x-csrf-token')).toBe('csrf-456');
  });

  it('keeps the line-and-field errors of a refused file in the error details', async () => {
    const errors = [{ code: 'INVALID_FIELD', line: 3, field: 'type', message: 'not a type' }];
    const { api } = clientAnswering(
      json(400, { error: { code: 'BAD_REQUEST', message: 'not accepted', details: { errors } } }),
    );
    const refused = await api.uploadOfflineFile(new Blob(['x']), {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect((refused as ApiRequestError).details).toEqual({ errors });
  });

  it('builds report queries and the CSV link from the filters that are set', () => {
    expect(
      reportQuery(
        { workstation: 'DESK-2', outcome: 'exception' },
        { limit: 50, offset: 100 },
      ).toString(),
    ).toBe('workstation=DESK-2&outcome=exception&limit=50&offset=100');
    expect(reportCsvHref({})).toBe('/api/offline/report.csv');
    expect(reportCsvHref({ uploadId: 4, day: '2026-03-02' })).toBe(
      '/api/offline/report.csv?uploadId=4&day=2026-03-02',
    );
    // One sending's transactions, only those lent anyway.
    expect(
      reportQuery({
        workstation: 'DESK-2',
        review: 'lent_anyway',
        fromSequence: 41,
        toSequence: 46,
      }).toString(),
    ).toBe('workstation=DESK-2&review=lent_anyway&fromSequence=41&toSequence=46');
  });
});
